using System.Diagnostics;
using System.Text;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using static Trial.Analysis.Bench.Measured;

namespace Trial.Analysis.Bench;

/// <summary>
/// Profile of case E inside one process, stage by stage as <c>trial-analysis run</c> does them (plan, contract check,
/// package, register, study data, every analysis of the plan, PDF, results files), each with its wall and CPU time.
/// The analyses run one at a time here so each gets its own time (<c>run</c> runs them side by side; that is timed
/// too). <c>--again N</c> runs them N more times: the first run pays for JIT compilation, the later ones do not.
/// Usage: <c>Trial.Analysis.Bench stages-e PLAN PACKAGE [--again N]</c>.
/// </summary>
internal static class PlanStages
{
    public static void Run(string planPath, string packageDir, int again, TextWriter output)
    {
        var self = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var cpu0 = self.TotalProcessorTime;
        var last = (0.0, 0.0);
        void Mark(string stage)
        {
            self.Refresh();
            var now = (clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu0).TotalSeconds);
            output.WriteLine(Invariant($"{stage,-60} {now.Item1 - last.Item1,6:F2} s  CPU {now.Item2 - last.Item2,6:F2} s"));
            last = now;
        }
        var plan = AnalysisPlanLoader.Load(planPath);
        Mark("load plan");
        PackageContractCheck.Verify(packageDir, null);
        Mark("contract check (reads every package file)");
        var package = DataPackageReader.Open(packageDir);
        Mark("open data package");
        var register = RegisterExtractReader.Read(Path.Combine(packageDir, "register.csv"), plan.RegisterColumnKinds());
        Mark("read register");
        PlanDataCheck.Verify(plan, package);
        Mark("plan/data check");
        var data = StudyData.Build(plan, package, register, ArmDisclosure.Blinded);
        Mark("study data");
        var results = RunAnalyses(data, Mark, "");
        for (var i = 1; i <= again; i++)
        {
            RunAnalyses(data, Mark, $"again {i}: ");
        }
        PlanRunner.Run(data, ReportLocale.English, TextWriter.Null);
        Mark(Invariant($"all analyses once more, {Environment.ProcessorCount} at a time as `run` does"));
        var context = new RunContext(planPath, plan.Sha256, plan.Version, "bench", packageDir, package.Sha256, package.CreatedAt,
            "register.csv", register.Sha256, "BLINDED", "bench");
        using var pdf = new MemoryStream();
        var pages = ReportComposer.Write(pdf, data, results, context, ReportLocale.English).Pages;
        Mark($"report.pdf ({pages} pages)");
        var folder = Directory.CreateTempSubdirectory("trial-stages-e-");
        ResultsWriter.Write(folder.FullName, results, context, ReportLocale.English, pages);
        Mark("results.json and tidy CSVs");
        folder.Delete(recursive: true);
        self.Refresh();
        output.WriteLine(Invariant($"total {clock.Elapsed.TotalSeconds:F2} s, CPU {(self.TotalProcessorTime - cpu0).TotalSeconds:F2} s; load {Load()}"));
    }

    /// <summary>
    /// Runs every analysis one at a time (so each line's time is its own) and marks each when its progress arrives: the
    /// runner prints an analysis' lines when it has finished, and the cost-benefit section between its line and the last.
    /// </summary>
    private static RunResults RunAnalyses(StudyData data, Action<string> mark, string prefix) =>
        PlanRunner.Run(data, ReportLocale.English, new LineWriter(line =>
        {
            if (line.StartsWith("run: baseline", StringComparison.Ordinal) || line.StartsWith("run: [", StringComparison.Ordinal))
            {
                mark("  " + prefix + (line.Length > 62 ? line[5..62] : line[5..]));
            }
            else if (line.StartsWith("run: all analyses", StringComparison.Ordinal))
            {
                mark("  " + prefix + "cost-benefit (critical wage)");
            }
        }), workers: 1);

    /// <summary>Hands each complete line to a callback.</summary>
    private sealed class LineWriter(Action<string> onLine) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                onLine(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
