using NodaTime;
using Trial.Followup.Hosting;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Scheduling;

/// <summary>A fake clock jumps across the Europe/Oslo transitions; reminders keep the local time, sends keep to local hours.</summary>
public abstract class DaylightSavingTests(FollowupDatabase database)
{
    [Fact]
    public async Task Reminder_InvitedBeforeSpringForward_DueSevenLocalDaysLaterAtSameWallClockTime()
    {
        // Due 2014-04-10, window opens 2014-03-27 (CET). 7 days later is 2014-04-03 10:00 CEST = 08:00 UTC, not 09:00 UTC.
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Reminder_InvitedBeforeSpringForward_DueSevenLocalDaysLaterAtSameWallClockTime), Oslo.At(2014, 3, 27, 10));
        var participant = (await rig.ScheduleAsync(new LocalDate(2013, 10, 10))).Participant;
        await rig.SweepAsync();
        await rig.DispatchAsync();

        rig.Clock.Reset(Instant.FromUtc(2014, 4, 3, 7, 59));
        await rig.SweepAsync();
        await rig.DispatchAsync();
        Assert.Single(rig.MailTo(participant));

        rig.Clock.Reset(Instant.FromUtc(2014, 4, 3, 8, 0));
        await rig.SweepAsync();
        await rig.DispatchAsync();
        Assert.Equal(2, rig.MailTo(participant).Count);
    }

    [Fact]
    public async Task Reminder_InvitedBeforeFallBack_NotDueAfter168HoursButAtSameWallClockTime()
    {
        // Window opens 2014-10-23 (CEST). 10:00 CEST = 08:00 UTC; a week later 10:00 CET = 09:00 UTC.
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Reminder_InvitedBeforeFallBack_NotDueAfter168HoursButAtSameWallClockTime), Oslo.At(2014, 10, 23, 10));
        var participant = (await rig.ScheduleAsync(new LocalDate(2014, 5, 6))).Participant;
        await rig.SweepAsync();
        await rig.DispatchAsync();

        rig.Clock.Reset(Instant.FromUtc(2014, 10, 30, 8, 30));
        await rig.SweepAsync();
        await rig.DispatchAsync();
        Assert.Single(rig.MailTo(participant));

        rig.Clock.Reset(Instant.FromUtc(2014, 10, 30, 9, 0));
        await rig.SweepAsync();
        await rig.DispatchAsync();
        Assert.Equal(2, rig.MailTo(participant).Count);
    }

    [Fact]
    public async Task Dispatch_QueuedEveningBeforeSpringForward_SentAtNineCestNotNineCet()
    {
        // Window opens 2014-03-29 00:00; opened at 21:00 local, the invitation waits for 2014-03-30 09:00 CEST = 07:00 UTC.
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Dispatch_QueuedEveningBeforeSpringForward_SentAtNineCestNotNineCet), Oslo.At(2014, 3, 29, 21));
        var participant = (await rig.ScheduleAsync(new LocalDate(2013, 10, 12))).Participant;
        await rig.SweepAsync();

        rig.Clock.Reset(Instant.FromUtc(2014, 3, 30, 6, 59));
        await rig.DispatchAsync();
        Assert.Empty(rig.MailTo(participant));

        rig.Clock.Reset(Instant.FromUtc(2014, 3, 30, 7, 0));
        await rig.DispatchAsync();
        Assert.Single(rig.MailTo(participant));
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class DaylightSavingPostgresTests() : DaylightSavingTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class DaylightSavingSqliteTests() : DaylightSavingTests(FollowupDatabase.Sqlite);
