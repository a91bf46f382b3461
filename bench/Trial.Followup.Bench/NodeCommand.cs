using System.Globalization;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using Trial.Followup.Bench.Synthetic;
using Trial.Followup.Channels;
using Trial.Followup.Hosting;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Bench;

/// <summary>
/// `node`: one dispatch node as its own process, so tests and the benchmark can run several and kill one with
/// SIGKILL. Dispatches everything due at the given instant, then exits 0.
/// </summary>
internal static class NodeCommand
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> args)
    {
        var database = Enum.Parse<FollowupDatabase>(args["database"], ignoreCase: true);
        var at = InstantPattern.ExtendedIso.Parse(args["at"]).GetValueOrThrow();
        var workers = int.Parse(args.GetValueOrDefault("workers", "4"), CultureInfo.InvariantCulture);
        var dispatcher = Create(
            new FollowupStore(FollowupSqlDialect.For(database), args["connection"]),
            FollowupProtocolLoader.LoadFromDirectory(args["protocol"]),
            new FakeClock(at),
            new SmtpSettings("127.0.0.1", int.Parse(args["smtp-port"], CultureInfo.InvariantCulture), "followup@trial.test", "IPS-studien"),
            args["sms-dir"],
            args["node-id"]);
        Console.WriteLine($"node {args["node-id"]}: dispatching");
        var report = await dispatcher.DispatchDueAsync(workers, CancellationToken.None);
        Console.WriteLine($"node {args["node-id"]}: sent {report.Sent}, deferred {report.Deferred}, no address {report.NoAddress}");
        return 0;
    }

    public static OutboxDispatcher Create(FollowupStore store, FollowupProtocol protocol, IClock clock, SmtpSettings smtp, string smsDirectory, string nodeId) =>
        new(store, protocol, clock, new SyntheticContactDirectory(), new SyntheticQuestionnaireLinks(),
            new SmtpEmailChannel(smtp), new FileSmsChannel(smsDirectory), nodeId);
}
