using System.Diagnostics;
using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;
using static Trial.Analysis.Bench.Measured;

namespace Trial.Analysis.Bench;

/// <summary>
/// Profile of case F's stages in one process (read, design, fit, vcov), wall and CPU each, so work goes where the time is.
/// Usage: <c>Trial.Analysis.Bench stages-f FILE.csv</c> (a file written by case F; keep one with TRIAL_BENCH_KEEP=1).
/// </summary>
internal static class FitStages
{
    public static void Run(string csv, TextWriter output)
    {
        var spec = ModelSpec.FromFormula("y ~ x1 + x2 + x3 | firm + month").WithCluster("firm");
        for (var round = 0; round < 3; round++)
        {
            var self = Process.GetCurrentProcess();
            var marks = new List<(string, double, double)>();
            var clock = Stopwatch.StartNew();
            var cpu0 = self.TotalProcessorTime;
            void Mark(string stage)
            {
                self.Refresh();
                marks.Add((stage, clock.Elapsed.TotalSeconds, (self.TotalProcessorTime - cpu0).TotalSeconds));
            }
            var data = CsvReader.ReadFile(csv, CsvReadOptions.ForModel(spec, StrayTextPolicy.Refuse));
            Mark("read CSV");
            var design = Design.Build(spec, data);
            Mark("design");
            var fit = OlsEstimator.Fit(design);
            Mark("fit");
            var summary = fit.Infer(VcovSpec.Stata()).Summarise();
            Mark("vcov + summary");
            var previous = (0.0, 0.0);
            output.WriteLine(string.Join("; ", marks.Select(m =>
            {
                var line = Invariant($"{m.Item1} {m.Item2 - previous.Item1:F2} s (CPU {m.Item3 - previous.Item2:F2})");
                previous = (m.Item2, m.Item3);
                return line;
            })) + Invariant($"; load {Load()}"));
            GC.KeepAlive(summary);
        }
    }
}
