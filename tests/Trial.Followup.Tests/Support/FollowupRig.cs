using NodaTime;
using NodaTime.Testing;
using Trial.Followup.Bench.Synthetic;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.TestServers;

namespace Trial.Followup.Tests.Support;

/// <summary>One test's follow-up: a fresh database, a fake clock, the real sweeps and dispatcher, a real SMTP sink.</summary>
internal sealed class FollowupRig : IAsyncDisposable
{
    private FollowupRig(TestDatabase db, SmtpSink sink, FakeClock clock)
    {
        Db = db;
        Sink = sink;
        Clock = clock;
        SmsDirectory = Path.Combine(Path.GetTempPath(), "followup-sms-" + Guid.NewGuid().ToString("N"));
        Contact = new FollowupContact(db.Store, TestProtocol.IpsNorway, clock);
        Lifecycle = new OccasionLifecycle(db.Store);
        Sweep = new OccasionSweep(db.Store, TestProtocol.IpsNorway, clock);
    }

    public TestDatabase Db { get; }

    public SmtpSink Sink { get; }

    public FakeClock Clock { get; }

    public string SmsDirectory { get; }

    public FollowupContact Contact { get; }

    public OccasionLifecycle Lifecycle { get; }

    public OccasionSweep Sweep { get; }

    public SmtpSettings Smtp => new(Sink.Host, Sink.Port, "followup@trial.test", "IPS-studien");

    /// <summary>What the dispatcher logged (an operator's only clue why e-mail waits).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <param name="holdEachMessage">The SMTP sink holds each message at DATA until released (a slow relay).</param>
    public static async Task<FollowupRig> CreateAsync(FollowupDatabase database, string name, Instant start, bool holdEachMessage = false) =>
        await CreateAsync(database, name, start, new SmtpSinkOptions { HoldEachMessage = holdEachMessage });

    /// <param name="relay">How the SMTP sink behaves: TLS, AUTH, holding messages.</param>
    public static async Task<FollowupRig> CreateAsync(FollowupDatabase database, string name, Instant start, SmtpSinkOptions relay) =>
        new(await TestDatabase.CreateAsync(database, name), await SmtpSink.StartAsync(relay), new FakeClock(start));

    public OutboxDispatcher Dispatcher(string nodeId = "node-a", IEmailChannel? email = null) => Dispatcher(nodeId, email, null, null, null);

    public OutboxDispatcher Dispatcher(string nodeId, IEmailChannel? email, IContactDirectory? directory, OutboxRetryPolicy? policy, IDispatchHooks? hooks) =>
        new(Db.Store, TestProtocol.IpsNorway, Clock, directory ?? new SyntheticContactDirectory(), new SyntheticQuestionnaireLinks(),
            email ?? new SmtpEmailChannel(Smtp), new FileSmsChannel(SmsDirectory), nodeId, policy ?? OutboxRetryPolicy.Default, hooks ?? IDispatchHooks.None,
            new Microsoft.Extensions.Logging.Logger<OutboxDispatcher>(new Microsoft.Extensions.Logging.LoggerFactory([Logs])));

    public async Task<ScheduleRequest> ScheduleAsync(LocalDate anchor, string language = "nb-NO")
    {
        var request = Participants.Request(anchor, language);
        await Db.InTransactionAsync(tx => Contact.ScheduleAsync(request, tx, CancellationToken.None));
        return request;
    }

    /// <summary>Runs the four sweeps once, in the order the jobs would, at the clock's now.</summary>
    public async Task SweepAsync()
    {
        await Sweep.CloseMissedAsync(CancellationToken.None);
        await Sweep.OpenDueAsync(CancellationToken.None);
        await Sweep.RemindDueAsync(CancellationToken.None);
        await Sweep.CreatePhoneTasksAsync(CancellationToken.None);
    }

    public Task<DispatchReport> DispatchAsync(int workers = 1) => Dispatcher().DispatchDueAsync(workers, CancellationToken.None);

    public IReadOnlyList<ReceivedMail> MailTo(ParticipantRef participant) =>
        Sink.Messages().Where(m => m.To.Contains(SyntheticContactDirectory.EmailOf(participant))).ToList();

    public Task<long> CountAsync(string table, string where) => Db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {where}");

    public async ValueTask DisposeAsync() => await Sink.DisposeAsync();
}
