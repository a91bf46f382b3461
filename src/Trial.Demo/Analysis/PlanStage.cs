using NodaTime;
using Trial.Analysis.Cli;
using Trial.Analysis.Plan;

namespace Trial.Demo.Analysis;

/// <summary>
/// The statistician's part: the committed analysis plan, locked before the first randomisation, then
/// `trial-analysis run` on the exported package and the register extract, called in-process through its command.
/// </summary>
internal static class PlanStage
{
    /// <summary>
    /// The plan to run: the committed one when its lock is committed beside it; otherwise a copy of the committed
    /// plan (and the cost-benefit inputs it names) in <paramref name="planFolder"/>, locked on the virtual clock
    /// before any participant exists. Returns the plan path and how it was locked.
    /// </summary>
    public static (string Plan, string Lock) Prepare(string protocolDirectory, string planFolder, IClock clock, TextWriter log)
    {
        var committed = Path.Combine(protocolDirectory, "analysis-plan.yaml");
        if (File.Exists(PlanLock.PathFor(committed)))
        {
            return (committed, $"committed lock {PlanLock.PathFor(committed)}");
        }
        Directory.CreateDirectory(planFolder);
        var copy = Path.Combine(planFolder, "analysis-plan.yaml");
        File.Copy(committed, copy);
        var costBenefit = Path.Combine(protocolDirectory, "cost-benefit.yaml");
        if (File.Exists(costBenefit))
        {
            File.Copy(costBenefit, Path.Combine(planFolder, "cost-benefit.yaml"));
        }
        var output = new StringWriter();
        var code = new LockPlanCommand(clock).Run(["--plan", copy, "--protocol", protocolDirectory], output, output);
        if (code != ExitCodes.Ok)
        {
            throw new PlanFailedException($"lock-plan refused the committed plan (exit {code}):\n{output}");
        }
        log.WriteLine($"  no lock is committed beside {committed}; locked an unchanged copy: {copy}");
        return (copy, $"locked by trial-demo at the start of the simulated trial ({PlanLock.PathFor(copy)})");
    }

    /// <summary>`trial-analysis run`, checking the package against the protocol too; its progress lines are passed on indented. Throws with run's own message when it refuses.</summary>
    public static void Run(string plan, string protocolDirectory, string package, string register, string reportFolder, IClock clock, TextWriter log)
    {
        var output = new IndentingWriter(log, "  ");
        var error = new StringWriter();
        var code = new RunCommand(clock).Run(["--plan", plan, "--protocol", protocolDirectory, "--data", package, "--register", register, "--out", reportFolder], output, error);
        if (code != ExitCodes.Ok)
        {
            throw new PlanFailedException($"trial-analysis run stopped with exit code {code}: {error.ToString().Trim()}");
        }
    }

    /// <summary>Prefixes every line written through it.</summary>
    private sealed class IndentingWriter(TextWriter inner, string prefix) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value) => inner.WriteLine(prefix + value);
    }
}

/// <summary>The locked plan could not run on the exported package (or could not be locked); exit code 4.</summary>
internal sealed class PlanFailedException(string message) : Exception(message);
