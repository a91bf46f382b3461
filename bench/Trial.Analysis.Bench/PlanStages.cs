using System.Diagnostics;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using static Trial.Analysis.Bench.Measured;

namespace Trial.Analysis.Bench;

/// <summary>
/// Profile of case E inside one process: reading the package and register, building the study data, then one LPM
/// model of the plan's main analysis split into frame, fit (with CR1/CR2 per cluster level) and wild bootstrap.
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
            output.WriteLine(Invariant($"{stage,-40} {now.Item1 - last.Item1,6:F2} s  CPU {now.Item2 - last.Item2,6:F2}"));
            last = now;
        }
        var plan = AnalysisPlanLoader.Load(planPath);
        Mark("load plan");
        var package = DataPackageReader.Open(packageDir);
        Mark("open data package");
        var register = RegisterExtractReader.Read(Path.Combine(packageDir, "register.csv"));
        Mark("read register");
        var data = StudyData.Build(plan, package, register, ArmDisclosure.Blinded);
        Mark("study data");
        var main = plan.Analyses.First(a => a.Kind == AnalysisKind.Lpm);
        foreach (var outcome in main.Outcomes.Take(2))
        {
            var frame = PanelFrame.Build(data, main, outcome, main.Window!);
            Mark($"{outcome}: panel frame");
            var model = ModelRun.Estimate(LpmFormula.Build(["ips"], main.Controls), frame, main.Inference, LpmFormula.References(data));
            Mark($"{outcome}: fits + sandwiches");
            foreach (var choice in main.Inference.Where(c => c.Method == InferenceMethod.WildClusterBootstrap))
            {
                _ = model.Bootstrap("ips", choice);
                Mark($"{outcome}: wild bootstrap {choice.Replications}");
            }
            foreach (var choice in main.Inference.Where(c => c.Method == InferenceMethod.Sandwich))
            {
                _ = model.Row("ips", choice);
            }
            Mark($"{outcome}: tidy rows");
        }
        var results = PlanRunner.Run(data, ReportLocale.English, TextWriter.Null);
        Mark("whole plan (PlanRunner.Run)");
        output.WriteLine(Invariant($"load {Load()}"));
        GC.KeepAlive(results);
    }
}
