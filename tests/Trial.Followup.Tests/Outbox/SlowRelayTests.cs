using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Tests.Contact;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>
/// A slow relay must not hold the database: a real SMTP server on loopback keeps the dispatcher inside DATA while a
/// withdrawal is made. The withdrawal commits before the relay lets go (on SQLite, with one writer, it would wait for
/// the dispatcher's transaction and fail with "database is locked" if one were open), and the withdrawn person's
/// message, still queued, is not sent.
/// </summary>
public abstract class SlowRelayTests(FollowupDatabase database)
{
    [Fact]
    public async Task Withdrawal_WhileRelayHoldsAnotherMessage_CommitsAtOnceAndWithdrawnPersonGetsNoEmail()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Withdrawal_WhileRelayHoldsAnotherMessage_CommitsAtOnceAndWithdrawnPersonGetsNoEmail), Oslo.At(2014, 4, 1, 10), holdEachMessage: true);
        var first = (await rig.ScheduleAsync(new LocalDate(2013, 10, 15))).Participant;
        var second = (await rig.ScheduleAsync(new LocalDate(2013, 10, 15))).Participant;
        await rig.SweepAsync();
        var firstOccasion = (await FollowupContactTests.OccasionAsync(rig.Db, first, "m6")).Id;

        var dispatch = Task.Run(() => rig.DispatchAsync());
        var held = await rig.Sink.WaitForHeldMessageAsync();
        var (sending, withdrawing) = held.Contains(firstOccasion.ToString(), StringComparison.Ordinal) ? (first, second) : (second, first);

        await rig.Db.InTransactionAsync(tx => rig.Contact.StopContactAsync(
            new StopContactRequest(withdrawing, ContactStopScope.WithdrewFromFollowupContact, new LocalDate(2014, 4, 1)), tx, CancellationToken.None));
        Assert.False(dispatch.IsCompleted, "the withdrawal committed while the relay still held the other message");
        rig.Sink.ReleaseAll();
        await dispatch;

        Assert.Single(rig.MailTo(sending));
        Assert.Empty(rig.MailTo(withdrawing));
        var withdrawnOccasion = (await FollowupContactTests.OccasionAsync(rig.Db, withdrawing, "m6")).Id;
        Assert.Equal("withdrew-followup-contact", await rig.Db.ScalarAsync<string>(
            $"SELECT cancel_reason FROM {rig.Db.Store.Dialect.Outbox} WHERE channel = 'email' AND occasion_id = @id", ("id", rig.Db.Store.Dialect.Bind(withdrawnOccasion.Value))));
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class SlowRelayPostgresTests() : SlowRelayTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class SlowRelaySqliteTests() : SlowRelayTests(FollowupDatabase.Sqlite);
