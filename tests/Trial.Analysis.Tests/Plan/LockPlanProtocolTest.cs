using NodaTime;
using NodaTime.Testing;
using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.Plan;

/// <summary>Issue 8: lock-plan refuses a plan that needs a field the protocol never collects, before any data exist.</summary>
public class LockPlanProtocolTest
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2013, 9, 1, 9, 0));

    private static string PlanCopy(Func<string, string>? edit = null)
    {
        var folder = SimulatedTrial.TempPath("plan");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"), Path.Combine(folder, "cost-benefit.yaml"));
        var text = File.ReadAllText(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var path = Path.Combine(folder, "analysis-plan.yaml");
        File.WriteAllText(path, edit is null ? text : edit(text));
        return path;
    }

    private static (int Code, string Err) Lock(string plan, params string[] extra)
    {
        var e = new StringWriter();
        var code = new LockPlanCommand(Clock).Run(["--plan", plan, .. extra], TextWriter.Null, e);
        return (code, e.ToString());
    }

    [Fact]
    public void CommittedPlan_LocksAgainstTheCommittedProtocol()
    {
        var plan = PlanCopy();
        var (code, err) = Lock(plan, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.True(code == ExitCodes.Ok, err);
        Assert.True(File.Exists(Path.ChangeExtension(plan, null) + ".lock.json"));
    }

    [Fact]
    public void CategoricalFieldNeverCollected_IsRefusedNamingAnalysisAndField_AndNothingIsWritten()
    {
        var plan = PlanCopy(t => t.Replace("categorical: [sex,", "categorical: [employment_history, sex,", StringComparison.Ordinal));
        var (code, err) = Lock(plan, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("analysis 'attrition' uses 'employment_history', which the protocol never collects", err, StringComparison.Ordinal);
        Assert.Contains("categorical[0]", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.ChangeExtension(plan, null) + ".lock.json"));
    }

    [Fact]
    public void ControlNeverCollected_IsRefusedNamingTheAnalysis()
    {
        var plan = PlanCopy(t => t.Replace("age: { column: age, type: number }", "age: { column: age_at_onset, type: number }", StringComparison.Ordinal));
        var (code, err) = Lock(plan, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("analysis 'main' uses 'age_at_onset'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void QuestionnaireScaleNoInstrumentScores_IsRefusedNamingAnalysisAndOutcome()
    {
        var plan = PlanCopy(t => t.Replace("instrument: chalder, scale: total", "instrument: chalder, scale: fatigue", StringComparison.Ordinal));
        var (code, err) = Lock(plan, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("analysis 'unadjusted' uses 'fatigue' (instrument 'chalder', scale 'fatigue')", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.ChangeExtension(plan, null) + ".lock.json"));
    }

    [Fact]
    public void ReferenceLevelNotACode_IsRefused()
    {
        var plan = PlanCopy(t => t.Replace("reference: primary", "reference: grunnskole", StringComparison.Ordinal));
        var (code, err) = Lock(plan, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'grunnskole' is not a code of 'education'", err, StringComparison.Ordinal);
    }

    [Fact]
    public void NoProtocolBesideThePlan_IsAUsageError()
    {
        var (code, err) = Lock(PlanCopy());
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--protocol", err, StringComparison.Ordinal);
    }
}
