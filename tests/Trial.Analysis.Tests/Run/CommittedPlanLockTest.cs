using Trial.Analysis.Plan;

namespace Trial.Analysis.Tests.Run;

/// <summary>
/// The committed analysis plan is locked (protocol/ips-norway/analysis-plan.lock.json), and the demo and `run` use that
/// lock. Editing the plan without recording a deviation must fail here, in CI, not at unblinding.
/// </summary>
public sealed class CommittedPlanLockTest
{
    [Fact]
    public void CommittedPlan_IsLocked_AndUnchangedOrDeviationRecorded()
    {
        var path = RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml");
        var planLock = PlanLock.Read(PlanLock.PathFor(path));
        Assert.NotNull(planLock);
        var plan = AnalysisPlanLoader.Load(path);
        Assert.Equal("analysis-plan.yaml", planLock.PlanFile);
        // Throws PlanLockMismatchException when the plan changed without a deviation.
        Assert.NotEmpty(planLock.Check(plan));
    }
}
