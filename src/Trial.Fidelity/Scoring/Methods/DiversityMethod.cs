using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// SV8 and SV9: countable jobs ÷ all jobs, where at most two jobs with the same key count (the third and later are
/// struck, L7762–7767); the key is the job type or the employer's worksite (L7974–7984). Too small a sample scores 1.
/// </summary>
internal static class DiversityMethod
{
    public static Computed? Compute(ScaleItem item, IReadOnlyList<JobEntry> jobs, int? specialists, ScoringSettings settings)
    {
        if (jobs.Count == 0)
        {
            return null;
        }
        var sample = JobSample.From(jobs, specialists);
        if (sample.TooSmall)
        {
            return Computed.Of(null, null, 1, $"{sample.Describe()}, fewer than {sample.Minimum}: sample too small (L7744–7748)");
        }
        var groups = sample.Jobs.GroupBy(j => Key(item.DiversityKey, j), StringComparer.OrdinalIgnoreCase).ToList();
        var countable = groups.Sum(g => Math.Min(2, g.Count()));
        var struck = groups.Where(g => g.Count() > 2).Select(g => $"{g.Key} ×{g.Count() - 2}").ToList();
        var value = 100m * countable / sample.Jobs.Count;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var rule = $"{countable} countable of {sample.Describe()} = {WholeNumber.Show(value)}%, {WholeNumber.Describe(settings.Rounding)} to {rounded}%"
            + (struck.Count > 0 ? $"; struck: {string.Join(", ", struck)}" : "");
        return Computed.Of(value, rounded, item.Band(rounded), rule);
    }

    private static string Key(DiversityKey key, JobEntry job) => key == DiversityKey.JobType
        ? job.JobType.Trim()
        : $"{job.Employer.Trim()}|{job.Worksite?.Trim()}";
}
