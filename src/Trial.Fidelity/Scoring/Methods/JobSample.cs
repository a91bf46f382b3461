using Trial.Fidelity.Evidence;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// The jobs SV8–SV10 are rated on: current jobs not obtained before IPS; when fewer than ten, the starts of the last
/// six months are added. Fewer than ten for a unit of two or more specialists, or five for one, is too small (L7736–7748).
/// </summary>
internal sealed record JobSample(IReadOnlyList<JobEntry> Jobs, int Minimum, bool AddedRecentStarts)
{
    public bool TooSmall => Jobs.Count < Minimum;

    public static JobSample From(IReadOnlyList<JobEntry> jobs, int? specialists)
    {
        var eligible = jobs.Where(j => !j.ObtainedBeforeIps).ToList();
        var current = eligible.Where(j => j.Kind == JobSampleKind.Current).ToList();
        var minimum = specialists is 1 ? 5 : 10;
        if (current.Count >= 10)
        {
            return new JobSample(current, minimum, false);
        }
        return new JobSample(eligible, minimum, eligible.Count > current.Count);
    }

    public LocalisedText Describe() => new(
        $"{Jobs.Count} jobber" + (AddedRecentStarts ? " (nåværende jobber og jobbstarter siste seks måneder)" : ""),
        $"{Jobs.Count} jobs" + (AddedRecentStarts ? " (current jobs plus starts in the last six months)" : ""));

    public LocalisedText TooFew(string nbTail, string enTail) => new(
        $"{Describe().NorwegianBokmal}, færre enn {Minimum}: {nbTail}", $"{Describe().English}, fewer than {Minimum}: {enTail}");
}
