using NodaTime;
using Trial.Followup.Coordinator;
using Trial.Followup.Hosting;
using Trial.Followup.Tests.Support;

namespace Trial.Followup.Tests.Coordinator;

/// <summary>
/// "Overdue" compares an occasion's due date with today in the trial's zone, which the host takes from the protocol:
/// just after midnight in Oslo an occasion due yesterday is overdue there, while in New York it is still its due day.
/// </summary>
public abstract class CentreStatusZoneTests(FollowupDatabase database)
{
    [Fact]
    public async Task Overdue_IsJudgedByTodayInTheTrialsZone()
    {
        var anchor = new LocalDate(2013, 10, 15);
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Overdue_IsJudgedByTodayInTheTrialsZone), Oslo.At(2013, 10, 15, 12));
        await rig.ScheduleAsync(anchor);
        var due = LocalDate.FromDateTime(DateTime.Parse(
            await rig.Db.ScalarAsync<string>($"SELECT CAST(MIN(due_on) AS TEXT) FROM {rig.Db.Store.Dialect.Occasion}"), System.Globalization.CultureInfo.InvariantCulture));
        // 00:30 on the day after the due date in Oslo, which is 18:30 or 19:30 on the due date in New York.
        var next = due.PlusDays(1);
        rig.Clock.Reset(Oslo.At(next.Year, next.Month, next.Day, 0, 30));
        await rig.SweepAsync();

        var inOslo = await new CentreStatusQuery(rig.Db.Store, rig.Clock, DateTimeZoneProviders.Tzdb["Europe/Oslo"]).StatusAsync("oslo", CancellationToken.None);
        var inNewYork = await new CentreStatusQuery(rig.Db.Store, rig.Clock, DateTimeZoneProviders.Tzdb["America/New_York"]).StatusAsync("oslo", CancellationToken.None);
        var first = inOslo.Occasions[0].Occasion;
        Assert.Equal((1, 1), (inOslo.Occasions[0].Due, inOslo.Occasions[0].Overdue));
        Assert.Equal((1, 0), (inNewYork.Occasions.Single(o => o.Occasion == first).Due, inNewYork.Occasions.Single(o => o.Occasion == first).Overdue));
    }
}

public sealed class CentreStatusZonePostgresTests() : CentreStatusZoneTests(FollowupDatabase.Postgres);

public sealed class CentreStatusZoneSqliteTests() : CentreStatusZoneTests(FollowupDatabase.Sqlite);
