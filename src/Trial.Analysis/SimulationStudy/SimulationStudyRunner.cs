using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Run;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.SimulationStudy;

/// <summary>
/// Runs one planned LPM analysis on many simulated trials of the reference design (the direct simulator of `simulate`,
/// read back through the real package and register readers) and collects each inference choice's 95 % CI.
/// Replications run in parallel; replication i uses seed firstSeed + i, so the result does not depend on the scheduling.
/// </summary>
public static class SimulationStudyRunner
{
    public static IReadOnlyList<StudyReplication> Run(AnalysisPlan plan, PlannedAnalysis analysis, string outcome, double effect, ulong firstSeed,
        int replications, int workers, TextWriter progress)
    {
        var results = new StudyReplication[replications];
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var scratch = Path.Combine(Path.GetTempPath(), $"trial-simulate-study-{Guid.NewGuid():N}");
        try
        {
            Parallel.For(0, replications, new ParallelOptions { MaxDegreeOfParallelism = workers }, i =>
            {
                results[i] = One(plan, analysis, outcome, effect, firstSeed + (ulong)i, i, Path.Combine(scratch, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                var n = Interlocked.Increment(ref done);
                if (n % 10 == 0 || n == replications)
                {
                    lock (progress)
                    {
                        progress.WriteLine($"simulate-study: {n}/{replications} replications ({clock.Elapsed.TotalSeconds:0} s)");
                    }
                }
            });
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, true);
            }
        }
        return results;
    }

    private static StudyReplication One(AnalysisPlan plan, PlannedAnalysis analysis, string outcome, double effect, ulong seed, int index, string folder)
    {
        var register = Path.Combine(folder, "register.csv");
        var truth = TrialSimulator.Write(new SimulationSettings(seed, effect), folder, register, NodaTime.SystemClock.Instance.GetCurrentInstant());
        try
        {
            var d = StudyData.Build(plan, DataPackageReader.Open(folder), RegisterExtractReader.Read(register, plan.RegisterColumnKinds()), ArmDisclosure.Unblinded);
            var frame = PanelFrame.Build(d, analysis, outcome, analysis.Window!);
            var model = ModelRun.Estimate(LpmFormula.Build(["ips"], analysis.Controls), frame, analysis.Inference, LpmFormula.References(d));
            var intervals = analysis.Inference.Select(c =>
            {
                if (c.Method == InferenceMethod.WildClusterBootstrap)
                {
                    var b = model.Bootstrap("ips", c);
                    return new StudyInterval(c.Id, b.ConfLow, b.ConfHigh);
                }
                var row = model.Row("ips", c);
                return new StudyInterval(c.Id, row.ConfLow, row.ConfHigh);
            }).ToList();
            var estimate = model.Row("ips", analysis.Inference.First(c => c.Method == InferenceMethod.Sandwich)).Estimate;
            return new StudyReplication(index, seed, outcome == "in_work" ? truth.AverageEffectInWork : double.NaN, estimate, intervals);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
