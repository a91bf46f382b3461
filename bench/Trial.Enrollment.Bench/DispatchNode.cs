using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using NodaTime.Text;
using Trial.Enrollment.Hosting;
using Trial.Followup.Channels;
using Trial.Followup.Hosting;
using Trial.Followup.Outbox;

namespace Trial.Enrollment.Bench;

/// <summary>
/// `dispatch-node`: one dispatch node as its own process, built exactly as production builds it (Enrollment's host, so
/// the identity-store contact directory and Follow-up's questionnaire link issuer), with only the clock and the
/// channels pointed at the benchmark (a fixed instant, the SMTP sink on loopback, an SMS folder).
/// </summary>
internal static class DispatchNode
{
    public static string[] HostArguments(string connectionString, string dataDirectory) =>
    [
        "--Trial:Database=Postgres", $"--Trial:ConnectionString={connectionString}", "--Trial:FollowupScheduler=Off",
        $"--Trial:DataDirectory={dataDirectory}", "--Logging:LogLevel:Default=Warning", "--environment=Production",
        // Any free port: the benchmark host starts its web server, and port 5000 may be taken on a shared machine.
        "--urls=http://127.0.0.1:0",
    ];

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> args)
    {
        var at = InstantPattern.ExtendedIso.Parse(args["at"]).GetValueOrThrow();
        var workers = int.Parse(args.GetValueOrDefault("workers", "4"), CultureInfo.InvariantCulture);
        var smtp = new SmtpSettings("127.0.0.1", int.Parse(args["smtp-port"], CultureInfo.InvariantCulture), "followup@trial.test", "IPS-studien");
        await using var app = TrialHost.Build(HostArguments(args["connection"], args["data-dir"]), builder =>
        {
            builder.Services.RemoveAll<IClock>();
            builder.Services.AddSingleton<IClock>(new FakeClock(at));
            builder.Services.RemoveAll<IEmailChannel>();
            builder.Services.AddSingleton<IEmailChannel>(new SmtpEmailChannel(smtp));
            builder.Services.RemoveAll<ISmsChannel>();
            builder.Services.AddSingleton<ISmsChannel>(new FileSmsChannel(args["sms-dir"]));
        });
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var report = await dispatcher.DispatchDueAsync(workers, CancellationToken.None);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine($"node {args["node-id"]}: sent {report.Sent}, deferred {report.Deferred}, no address {report.NoAddress}, CPU {cpu:F2} s");
        await File.WriteAllTextAsync(Path.Combine(args["data-dir"], $"cpu-{args["node-id"]}.txt"), cpu.ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }
}
