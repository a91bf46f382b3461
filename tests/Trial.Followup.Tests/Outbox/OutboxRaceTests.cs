using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.Followup.Tests.Contact;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>
/// Races between the end of contact (an answer, a withdrawal, a death) and the reminder job or the sender, each forced
/// to happen at one point with a gate inside the code under test, and each test checks that it did happen there.
/// The guarantee: no send starts after the end of contact has committed; a row claimed earlier is cancelled and the
/// sender's last look before the send finds it so.
/// </summary>
public abstract class OutboxRaceTests(FollowupDatabase database)
{
    protected static readonly LocalDate Anchor = new(2013, 10, 15);
    protected static readonly Instant ReminderDue = Oslo.At(2014, 4, 8, 10);

    protected FollowupDatabase Database => database;

    [Theory]
    [InlineData("completed")]
    [InlineData("withdrew-followup-contact")]
    [InlineData("died")]
    public async Task ContactEnds_AfterReminderClaimedBeforeItIsSent_CommitsAtOnceAndNoReminderIsSent(string how)
    {
        await using var rig = await RemindedRigAsync(nameof(ContactEnds_AfterReminderClaimedBeforeItIsSent_CommitsAtOnceAndNoReminderIsSent) + how);
        var (participant, occasion) = rig.Subject;
        var hooks = new GateHooks(new OutboxKey(occasion, MessageChannel.Email, 1), insideClaim: new RaceGate(open: true), beforeSend: new RaceGate());

        var dispatch = Task.Run(() => rig.Rig.Dispatcher("node-a", null, null, null, hooks).DispatchDueAsync(1, CancellationToken.None));
        await hooks.BeforeSend.ReachedAsync();
        // The reminder is claimed (committed) and not yet sent; no transaction of the sender is open now.
        Assert.Equal(1L, await rig.Rig.CountAsync(rig.Rig.Db.Store.Dialect.Outbox, "channel = 'email' AND attempt = 1 AND tries = 1 AND state = 'pending'"));
        await EndContactAsync(rig.Rig, participant, occasion, how);
        Assert.False(dispatch.IsCompleted);
        hooks.BeforeSend.Open();
        var report = await dispatch.WaitAsync(RaceGate.HangGuard);

        Assert.Equal(1, hooks.BeforeSend.Passes);
        Assert.Single(rig.Rig.MailTo(participant)); // the invitation only
        Assert.True(report.Cancelled >= 1);
        Assert.Equal(how, await ReminderCancelReasonAsync(rig.Rig, occasion));
    }

    private protected static async Task EndContactAsync(FollowupRig rig, ParticipantRef participant, OccasionId occasion, string how)
    {
        var today = new LocalDate(2014, 4, 8);
        await rig.Db.InTransactionAsync(tx => how switch
        {
            "completed" => rig.Lifecycle.CompleteAsync(occasion, ResponseMode.Web, rig.Clock.GetCurrentInstant(), tx, CancellationToken.None),
            "withdrew-followup-contact" => rig.Contact.StopContactAsync(new StopContactRequest(participant, ContactStopScope.WithdrewFromFollowupContact, today), tx, CancellationToken.None),
            "died" => rig.Contact.StopContactAsync(new StopContactRequest(participant, ContactStopScope.Died, today), tx, CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(how), how, "Unknown end of contact."),
        });
    }

    private protected static Task<string> ReminderCancelReasonAsync(FollowupRig rig, OccasionId occasion) =>
        rig.Db.ScalarAsync<string>(
            $"SELECT cancel_reason FROM {rig.Db.Store.Dialect.Outbox} WHERE channel = 'email' AND attempt = 1 AND state = 'cancelled' AND occasion_id = @id",
            ("id", rig.Db.Store.Dialect.Bind(occasion.Value)));

    /// <summary>One participant invited on 1 April (invitation sent); on 8 April the first reminder is queued.</summary>
    private protected async Task<RemindedRig> RemindedRigAsync(string name, bool queueReminder = true)
    {
        var rig = await FollowupRig.CreateAsync(database, name, Oslo.At(2014, 4, 1, 10));
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();
        await rig.DispatchAsync();
        rig.Clock.Reset(ReminderDue);
        if (queueReminder)
        {
            await rig.SweepAsync();
        }
        return new RemindedRig(rig, (participant, (await FollowupContactTests.OccasionAsync(rig.Db, participant, "m6")).Id));
    }

    private protected sealed class RemindedRig(FollowupRig rig, (ParticipantRef Participant, OccasionId Occasion) subject) : IAsyncDisposable
    {
        public FollowupRig Rig { get; } = rig;

        public (ParticipantRef Participant, OccasionId Occasion) Subject { get; } = subject;

        public ValueTask DisposeAsync() => Rig.DisposeAsync();
    }

    /// <summary>Gates at the dispatcher's two hook points, for one outbox key; every other row passes freely.</summary>
    private protected sealed class GateHooks(OutboxKey key, RaceGate insideClaim, RaceGate beforeSend) : IDispatchHooks
    {
        public RaceGate InsideClaim { get; } = insideClaim;

        public RaceGate BeforeSend { get; } = beforeSend;

        public Task InsideClaimAsync(OutboxKey claimed, CancellationToken cancellationToken) =>
            claimed == key ? InsideClaim.PassAsync(cancellationToken) : Task.CompletedTask;

        public Task BeforeSendAsync(OutboxKey claimed, CancellationToken cancellationToken) =>
            claimed == key ? BeforeSend.PassAsync(cancellationToken) : Task.CompletedTask;
    }
}

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class OutboxRaceSqliteTests() : OutboxRaceTests(FollowupDatabase.Sqlite);

/// <summary>
/// On PostgreSQL the end of contact can also arrive while the sender's claim transaction or the reminder job's
/// transaction holds the occasion row: it must wait for that transaction (seen in pg_stat_activity as a lock wait),
/// and still no reminder may go out.
/// </summary>
[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class OutboxRacePostgresTests() : OutboxRaceTests(FollowupDatabase.Postgres)
{
    [Theory]
    [InlineData("completed")]
    [InlineData("died")]
    public async Task ContactEnds_WhileReminderClaimTransactionIsOpen_WaitsForItThenNoReminderIsSent(string how)
    {
        await using var rig = await RemindedRigAsync(nameof(ContactEnds_WhileReminderClaimTransactionIsOpen_WaitsForItThenNoReminderIsSent) + how);
        var (participant, occasion) = rig.Subject;
        var hooks = new GateHooks(new OutboxKey(occasion, MessageChannel.Email, 1), insideClaim: new RaceGate(), beforeSend: new RaceGate());

        var dispatch = Task.Run(() => rig.Rig.Dispatcher("node-a", null, null, null, hooks).DispatchDueAsync(1, CancellationToken.None));
        await hooks.InsideClaim.ReachedAsync();
        var ending = Task.Run(() => EndContactAsync(rig.Rig, participant, occasion, how));
        await WaitForLockWaitAsync(rig.Rig);           // the end of contact is blocked by the claim's share lock
        Assert.False(ending.IsCompleted);
        hooks.InsideClaim.Open();
        await hooks.BeforeSend.ReachedAsync();
        await ending.WaitAsync(RaceGate.HangGuard);    // the claim committed; the end of contact now commits
        hooks.BeforeSend.Open();
        await dispatch.WaitAsync(RaceGate.HangGuard);

        Assert.Equal((1, 1), (hooks.InsideClaim.Passes, hooks.BeforeSend.Passes));
        Assert.Single(rig.Rig.MailTo(participant));
        Assert.Equal(how, await ReminderCancelReasonAsync(rig.Rig, occasion));
    }

    [Theory]
    [InlineData("withdrew-followup-contact")]
    [InlineData("died")]
    public async Task ContactEnds_WhileReminderJobHoldsTheOccasion_WaitsForItThenTheNewReminderIsCancelledAndNotSent(string how)
    {
        await using var rig = await RemindedRigAsync(nameof(ContactEnds_WhileReminderJobHoldsTheOccasion_WaitsForItThenTheNewReminderIsCancelledAndNotSent) + how, queueReminder: false);
        var (participant, occasion) = rig.Subject;
        var gate = new RaceGate();
        var job = new OccasionSweep(rig.Rig.Db.Store, TestProtocol.IpsNorway, rig.Rig.Clock, gate.PassAsync);

        var remind = Task.Run(() => job.RemindDueAsync(CancellationToken.None));
        await gate.ReachedAsync();                     // the occasion is 'reminded' and its reminder rows written, uncommitted
        var ending = Task.Run(() => EndContactAsync(rig.Rig, participant, occasion, how));
        await WaitForLockWaitAsync(rig.Rig);
        Assert.False(ending.IsCompleted);
        gate.Open();
        Assert.Equal(1, await remind.WaitAsync(RaceGate.HangGuard));
        await ending.WaitAsync(RaceGate.HangGuard);
        var report = await rig.Rig.DispatchAsync();

        Assert.Equal(1, gate.Passes);
        Assert.Equal(0, report.Sent);
        Assert.Single(rig.Rig.MailTo(participant));
        Assert.Equal(how, await ReminderCancelReasonAsync(rig.Rig, occasion));
        Assert.Equal(0L, await rig.Rig.CountAsync(rig.Rig.Db.Store.Dialect.Outbox, "state = 'pending'"));
    }

    /// <summary>Polls PostgreSQL until a backend of this test's database waits for a row lock (the forced interleaving).</summary>
    private static async Task WaitForLockWaitAsync(FollowupRig rig)
    {
        using var guard = new CancellationTokenSource(RaceGate.HangGuard);
        while (await rig.Db.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 0)
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
