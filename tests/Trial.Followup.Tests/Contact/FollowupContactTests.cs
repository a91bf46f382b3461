using NodaTime;
using NodaTime.Testing;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Contact;

/// <summary>Scheduling and stopping contact, run on both providers by the two sealed subclasses below.</summary>
public abstract class FollowupContactTests(FollowupDatabase database)
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2014, 1, 10, 12, 0));

    [Fact]
    public async Task Schedule_RandomisedOnAugust31_SixMonthOccasionDueOnLastDayOfFebruary()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_RandomisedOnAugust31_SixMonthOccasionDueOnLastDayOfFebruary));
        var request = Participants.Request(new LocalDate(2013, 8, 31));

        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));

        Assert.Equal(new LocalDate(2014, 2, 28), await DueOnAsync(db, request.Participant, "m6"));
        Assert.Equal(new LocalDate(2014, 8, 31), await DueOnAsync(db, request.Participant, "m12"));
    }

    [Fact]
    public async Task Schedule_LeapYear_SixMonthOccasionDueOnFebruary29()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_LeapYear_SixMonthOccasionDueOnFebruary29));
        var request = Participants.Request(new LocalDate(2015, 8, 31));

        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));

        Assert.Equal(new LocalDate(2016, 2, 29), await DueOnAsync(db, request.Participant, "m6"));
    }

    [Fact]
    public async Task Schedule_Window_OpensTwoWeeksBeforeAtLocalMidnight()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_Window_OpensTwoWeeksBeforeAtLocalMidnight));
        var request = Participants.Request(new LocalDate(2013, 10, 15));

        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));

        var occasion = await OccasionAsync(db, request.Participant, "m6");
        // Due 2014-04-15 (CEST, UTC+2): opens 2014-04-01 00:00 local, closes at the end of 2014-06-10 local.
        Assert.Equal(Instant.FromUtc(2014, 3, 31, 22, 0), occasion.OpensAt);
        Assert.Equal(Instant.FromUtc(2014, 6, 10, 22, 0), occasion.ClosesAt);
        Assert.Equal(OccasionState.Pending, occasion.State);
    }

    [Fact]
    public async Task Schedule_SameParticipantTwice_ThrowsContactStateException()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_SameParticipantTwice_ThrowsContactStateException));
        var request = Participants.Request(new LocalDate(2013, 10, 15));
        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));

        await Assert.ThrowsAsync<ContactStateException>(() =>
            db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None)));
    }

    [Fact]
    public async Task Schedule_UnsupportedLanguage_ThrowsNamingLanguageAndWritesNothing()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_UnsupportedLanguage_ThrowsNamingLanguageAndWritesNothing));
        var request = Participants.Request(new LocalDate(2013, 10, 15), language: "sv-SE");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None)));

        Assert.StartsWith("Language:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {db.Store.Dialect.Occasion}"));
    }

    [Fact]
    public async Task Schedule_CallerRollsBack_NoOccasionIsKept()
    {
        var (db, contact) = await ArrangeAsync(nameof(Schedule_CallerRollsBack_NoOccasionIsKept));
        await using (var connection = await db.Store.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await contact.ScheduleAsync(Participants.Request(new LocalDate(2013, 10, 15)), transaction, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {db.Store.Dialect.Occasion}"));
    }

    [Fact]
    public async Task StopContact_Withdrawal_CancelsEveryOpenOccasionWithReason()
    {
        var (db, contact) = await ArrangeAsync(nameof(StopContact_Withdrawal_CancelsEveryOpenOccasionWithReason));
        var request = Participants.Request(new LocalDate(2013, 10, 15));
        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));

        await db.InTransactionAsync(tx => contact.StopContactAsync(
            new StopContactRequest(request.Participant, ContactStopScope.WithdrewFromFollowupContact, new LocalDate(2014, 1, 10)),
            tx, CancellationToken.None));

        Assert.Equal(OccasionState.Cancelled, (await OccasionAsync(db, request.Participant, "m6")).State);
        Assert.Equal(OccasionState.Cancelled, (await OccasionAsync(db, request.Participant, "m12")).State);
        Assert.Equal("withdrew-followup-contact", await db.ScalarAsync<string>(
            $"SELECT cancel_reason FROM {db.Store.Dialect.Occasion} WHERE occasion_code = 'm6'"));
    }

    [Fact]
    public async Task StopContact_SameScopeTwice_ThrowsContactStateException()
    {
        var (db, contact) = await ArrangeAsync(nameof(StopContact_SameScopeTwice_ThrowsContactStateException));
        var request = Participants.Request(new LocalDate(2013, 10, 15));
        var stop = new StopContactRequest(request.Participant, ContactStopScope.Died, new LocalDate(2014, 1, 2));
        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));
        await db.InTransactionAsync(tx => contact.StopContactAsync(stop, tx, CancellationToken.None));

        await Assert.ThrowsAsync<ContactStateException>(() => db.InTransactionAsync(tx => contact.StopContactAsync(stop, tx, CancellationToken.None)));
    }

    [Fact]
    public async Task Complete_CancelledOccasion_ThrowsOccasionStateException()
    {
        var (db, contact) = await ArrangeAsync(nameof(Complete_CancelledOccasion_ThrowsOccasionStateException));
        var lifecycle = new OccasionLifecycle(db.Store);
        var request = Participants.Request(new LocalDate(2013, 10, 15));
        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));
        await db.InTransactionAsync(tx => contact.StopContactAsync(
            new StopContactRequest(request.Participant, ContactStopScope.Died, new LocalDate(2014, 1, 2)), tx, CancellationToken.None));
        var occasion = await OccasionAsync(db, request.Participant, "m6");

        var error = await Assert.ThrowsAsync<OccasionStateException>(() =>
            db.InTransactionAsync(tx => lifecycle.CompleteAsync(occasion.Id, ResponseMode.Phone, _clock.GetCurrentInstant(), tx, CancellationToken.None)));

        Assert.Equal(OccasionState.Cancelled, error.Current);
    }

    [Fact]
    public async Task Complete_PendingOccasion_IsCompleted()
    {
        var (db, contact) = await ArrangeAsync(nameof(Complete_PendingOccasion_IsCompleted));
        var lifecycle = new OccasionLifecycle(db.Store);
        var request = Participants.Request(new LocalDate(2013, 10, 15));
        await db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));
        var occasion = await OccasionAsync(db, request.Participant, "m6");

        await db.InTransactionAsync(tx => lifecycle.CompleteAsync(occasion.Id, ResponseMode.Paper, _clock.GetCurrentInstant(), tx, CancellationToken.None));

        Assert.Equal(OccasionState.Completed, (await lifecycle.FindAsync(occasion.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Complete_UnknownOccasion_ThrowsWithNoCurrentState()
    {
        var (db, _) = await ArrangeAsync(nameof(Complete_UnknownOccasion_ThrowsWithNoCurrentState));
        var lifecycle = new OccasionLifecycle(db.Store);

        var error = await Assert.ThrowsAsync<OccasionStateException>(() =>
            db.InTransactionAsync(tx => lifecycle.CompleteAsync(OccasionId.New(), ResponseMode.Web, _clock.GetCurrentInstant(), tx, CancellationToken.None)));

        Assert.Null(error.Current);
    }

    private async Task<(TestDatabase Db, FollowupContact Contact)> ArrangeAsync(string name)
    {
        var db = await TestDatabase.CreateAsync(database, name);
        return (db, new FollowupContact(db.Store, TestProtocol.IpsNorway, _clock));
    }

    private static async Task<LocalDate> DueOnAsync(TestDatabase db, ParticipantRef participant, string code) =>
        (await OccasionAsync(db, participant, code)).DueOn;

    internal static async Task<OccasionSnapshot> OccasionAsync(TestDatabase db, ParticipantRef participant, string code)
    {
        var d = db.Store.Dialect;
        await using var connection = await db.Store.OpenAsync(CancellationToken.None);
        await using var command = Trial.Followup.Storage.SqlStatement.Create(connection,
            $"SELECT id FROM {d.Occasion} WHERE participant = @p AND occasion_code = @c", ("p", d.Bind(participant.Value)), ("c", code));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No '{code}' occasion for {participant}.");
        var id = OccasionId.From(d.ReadGuid(reader, 0));
        return (await new OccasionLifecycle(db.Store).FindAsync(id, CancellationToken.None))!;
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class FollowupContactPostgresTests() : FollowupContactTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class FollowupContactSqliteTests() : FollowupContactTests(FollowupDatabase.Sqlite);
