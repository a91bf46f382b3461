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
/// Usage: <c>Trial.Analysis.Bench stages-e PLAN PACKAGE</c>.
/// </summary>
internal static class PlanStages
{
    public static void Run(string planPath, string packageDir, TextWriter output)
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
        var register = RegisterExtractReader.Read(Path.Combine(packageDir, "register.csv"));
        Mark("read register");
        PlanDataCheck.Verify(plan, package);
        Mark("plan/data check");
        var data = StudyData.Build(plan, package, register, ArmDisclosure.Blinded);
        Mark("study data");
        // Each progress line of the runner starts a new analysis: the time since the last line is the previous one's.
        var previous = "baseline table, CONSORT flow, work-share figure";
        var results = PlanRunner.Run(data, ReportLocale.English, new LineWriter(line =>
        {
            if (line.StartsWith("run: [", StringComparison.Ordinal) || line.StartsWith("run: cost-benefit", StringComparison.Ordinal)
                || line.StartsWith("run: all analyses", StringComparison.Ordinal))
            {
                Mark("  " + previous);
                previous = line.Length > 60 ? line[5..Math.Min(line.Length, 62)] : line[5..];
            }
        }));
        var context = new RunContext(planPath, plan.Sha256, plan.Version, "bench", packageDir, package.Sha256, package.CreatedAt,
            "register.csv", register.Sha256, "BLINDED", "bench");
        Mark("(runner end)");
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
