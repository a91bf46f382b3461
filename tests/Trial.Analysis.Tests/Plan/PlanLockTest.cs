using System.Text;
using NodaTime;
using NodaTime.Testing;
using Trial.Analysis.Plan;

namespace Trial.Analysis.Tests.Plan;

public class PlanLockTest
{
    private static readonly string Committed = File.ReadAllText(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
    private static readonly FakeClock Clock = new(Instant.FromUtc(2016, 4, 20, 12, 0));

    private static AnalysisPlan Parse(string yaml) => AnalysisPlanLoader.Parse("plan.yaml", Encoding.UTF8.GetBytes(yaml));

    [Fact]
    public void Check_UnchangedPlan_Passes()
    {
        var plan = Parse(Committed);
        Assert.StartsWith("matches the lock", PlanLock.Create(plan, Clock).Check(plan), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ChangedPlanWithoutDeviation_Throws()
    {
        var locked = PlanLock.Create(Parse(Committed), Clock);
        var changed = Parse(Committed.Replace("from: 12\n    to: 27", "from: 12\n    to: 24", StringComparison.Ordinal));
        var e = Assert.Throws<PlanLockMismatchException>(() => locked.Check(changed));
        Assert.Contains("no deviation was recorded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ChangedPlanWithDeviation_PassesAndSaysSo()
    {
        var locked = PlanLock.Create(Parse(Committed), Clock);
        var changed = Parse(Committed.Replace("deviations: []",
            "deviations:\n  - { date: 2016-05-01, section: windows, change: \"to 24\", reason: \"few persons beyond 24 months\" }", StringComparison.Ordinal));
        Assert.Contains("1 deviation(s) recorded", locked.Check(changed), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lock-{Guid.NewGuid():N}.json");
        var original = PlanLock.Create(Parse(Committed), Clock);
        original.Write(path);
        Assert.Equal(original, PlanLock.Read(path));
        File.Delete(path);
    }
}
