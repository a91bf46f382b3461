using System.Globalization;
using System.Text;
using static Trial.Analysis.Bench.Measured;

namespace Trial.Analysis.Bench;

/// <summary>
/// Case E: the whole analysis plan and PDF on the simulated 410-participant reference trial, as a user runs it:
/// <c>trial-analysis simulate --seed 1</c> once, then the <c>trial-analysis run --blinded</c> process timed (best of the repeats;
/// CPU and peak memory from GNU time). Goal: under 3 s wall clock.
/// </summary>
internal static class PlanRunCase
{
    public static void Run(string results, TextWriter progress, int repeats)
    {
        var root = RepositoryRoot();
        var exe = TrialAnalysis();
        var dir = Directory.CreateTempSubdirectory("trial-bench-e-");
        try
        {
            var package = Path.Combine(dir.FullName, "pkg");
            var plan = Path.Combine(root, "protocol", "ips-norway", "analysis-plan.yaml");
            var simulate = Measured.Run(exe, ["simulate", "--seed", "1", "--effect", "0.095", "--out", package]);
            if (simulate.ExitCode != 0)
            {
                throw new InvalidOperationException($"simulate failed: {simulate.Stderr}");
            }
            string[] runArgs = ["run", "--plan", plan, "--data", package, "--register", Path.Combine(package, "register.csv"), "--out", Path.Combine(dir.FullName, "report"), "--blinded"];
            var runs = new List<Measured>();
            for (var i = 0; i < repeats; i++)
            {
                progress.WriteLine($"case E: run {i + 1}/{repeats}: trial-analysis run");
                if (Directory.Exists(Path.Combine(dir.FullName, "report")))
                {
                    Directory.Delete(Path.Combine(dir.FullName, "report"), recursive: true);
                }
                runs.Add(Measured.Run(exe, runArgs));
                if (runs[^1].ExitCode != 0)
                {
                    throw new InvalidOperationException($"trial-analysis run failed (exit {runs[^1].ExitCode}): {runs[^1].Stderr}");
                }
            }
            var best = runs.MinBy(m => m.WallSeconds)!;
            var met = best.WallSeconds < 3;
            var report = new StringBuilder();
            report.AppendLine("# Case E: the whole plan and PDF on the simulated 410-participant trial");
            report.AppendLine();
            report.AppendLine("- Data: `trial-analysis simulate --seed 1 --effect 0.095 --out PKG` (429 screened, 410 randomised).");
            report.AppendLine("- Command: `trial-analysis run --plan protocol/ips-norway/analysis-plan.yaml --data PKG --register PKG/register.csv --out OUT --blinded` (blinded, as a run before unblinding would be; every analysis, table, figure and the PDF are computed as in an unblinded run; only the arm labels are masked)");
            report.AppendLine($"- CLI: {CliBuild}.");
            report.AppendLine(Invariant($"- Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; 1-minute load average {Load()} at the end; {repeats} runs, best wall clock reported with that run's CPU and peak RSS."));
            report.AppendLine();
            report.AppendLine("| | wall s | CPU s (user+sys) | peak RSS MB | all wall times |");
            report.AppendLine("|---|---|---|---|---|");
            report.AppendLine(Invariant($"| trial-analysis run | **{best.WallSeconds:F2}** | {best.CpuSeconds:F2} | {best.PeakMb:F0} | {string.Join(", ", runs.Select(m => m.WallSeconds.ToString("F2", CultureInfo.InvariantCulture)))} |"));
            report.AppendLine();
            var verdict = Invariant($"{(met ? "MET" : "NOT MET")}: {best.WallSeconds:F2} s (goal < 3 s)");
            report.AppendLine($"**Verdict: {verdict}.**");
            File.WriteAllText(Path.Combine(results, "analysis-case-e.md"), report.ToString());
            progress.WriteLine($"case E: {verdict}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
