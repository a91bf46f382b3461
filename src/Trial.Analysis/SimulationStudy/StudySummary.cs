namespace Trial.Analysis.SimulationStudy;

/// <summary>The result of `simulate-study`: bias and RMSE of the main estimate and every method's coverage.</summary>
public sealed record StudySummary(
    string PlanFile,
    string Analysis,
    string Outcome,
    double Effect,
    ulong FirstSeed,
    int Replications,
    double MeanEstimate,
    double Bias,
    double Rmse,
    double EmpiricalSe,
    double MeanRealisedEffect,
    IReadOnlyList<StudyMethodSummary> Methods)
{
    public static StudySummary From(string planFile, string analysis, string outcome, double effect, ulong firstSeed,
        IReadOnlyList<StudyReplication> replications, IReadOnlyList<(string Id, string Label)> methods)
    {
        var n = replications.Count;
        var estimates = replications.Select(r => r.Estimate).ToArray();
        var mean = estimates.Average();
        var sd = Math.Sqrt(estimates.Sum(e => (e - mean) * (e - mean)) / Math.Max(1, n - 1));
        var summaries = methods.Select(m =>
        {
            var intervals = replications.Select(r => r.Intervals.Single(i => i.Method == m.Id)).Where(i => double.IsFinite(i.Low) && double.IsFinite(i.High)).ToList();
            var coverage = intervals.Count == 0 ? double.NaN : intervals.Count(i => i.Low <= effect && effect <= i.High) / (double)intervals.Count;
            return new StudyMethodSummary(m.Id, m.Label, intervals.Count, coverage, Math.Sqrt(coverage * (1 - coverage) / Math.Max(1, intervals.Count)),
                intervals.Count == 0 ? double.NaN : intervals.Average(i => i.High - i.Low));
        }).ToList();
        return new StudySummary(planFile, analysis, outcome, effect, firstSeed, n, mean, mean - effect,
            Math.Sqrt(estimates.Average(e => (e - effect) * (e - effect))), sd, replications.Average(r => r.RealisedEffect), summaries);
    }
}
