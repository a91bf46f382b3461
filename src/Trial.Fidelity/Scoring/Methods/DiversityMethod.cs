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
            return Computed.Of(null, null, 1, sample.TooFew("for lite utvalg (L7744–7748)", "sample too small (L7744–7748)"));
        }
        var groups = sample.Jobs.GroupBy(j => Key(item.DiversityKey, j), StringComparer.OrdinalIgnoreCase).ToList();
        var countable = groups.Sum(g => Math.Min(2, g.Count()));
        var struck = string.Join(", ", groups.Where(g => g.Count() > 2).Select(g => $"{g.Key} ×{g.Count() - 2}"));
        var value = 100m * countable / sample.Jobs.Count;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var how = WholeNumber.Describe(settings.Rounding);
        var described = sample.Describe();
        return Computed.Of(value, rounded, item.Band(rounded), new(
            $"{countable} tellende av {described.NorwegianBokmal} = {WholeNumber.ShowNb(value)} %, {how.NorwegianBokmal} til {rounded} %" + (struck.Length > 0 ? $"; strøket: {struck}" : ""),
            $"{countable} countable of {described.English} = {WholeNumber.Show(value)}%, {how.English} to {rounded}%" + (struck.Length > 0 ? $"; struck: {struck}" : "")));
    }

    private static string Key(DiversityKey key, JobEntry job) => key == DiversityKey.JobType
        ? job.JobType.Trim()
        : $"{job.Employer.Trim()}|{job.Worksite?.Trim()}";
}
