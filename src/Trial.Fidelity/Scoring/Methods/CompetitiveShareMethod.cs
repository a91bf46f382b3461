using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// SV10: competitive jobs ÷ jobs in the sample (L8336–8342). With too few jobs the manual lets the reviewers judge
/// from the unit meeting and the charts (may be 5, L8171–8188), while the scale's anchor 1 says fewer than ten such
/// jobs score 1; the setting chooses.
/// </summary>
internal static class CompetitiveShareMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence, IReadOnlyList<JobEntry> jobs, int? specialists, ScoringSettings settings)
    {
        if (jobs.Count == 0)
        {
            return null;
        }
        var sample = JobSample.From(jobs, specialists);
        if (sample.TooSmall)
        {
            if (settings.CompetitiveJobsSmallSample == SmallJobSample.ScoreOne)
            {
                return Computed.Of(null, null, 1, sample.TooFew("ankerpunkt 1 (innstilling competitiveJobsSmallSample=score-one)",
                    "anchor 1 (setting competitiveJobsSmallSample=score-one)"));
            }
            return evidence.Anchor is { } judged
                ? Computed.Of(null, null, judged, sample.TooFew($"evaluatorenes vurdering {judged} (L8171–8188)", $"reviewers' judgement {judged} (L8171–8188)"))
                : new Computed(null, null, 1, sample.TooFew("ingen vurdering gitt", "no judgement given"),
                    [new LocalisedText("for få jobber: evaluatorene må gi sin vurdering som ankerpunkt (L8171–8188)",
                        "too few jobs: the reviewers must give their judgement as the anchor (L8171–8188)")]);
        }
        var competitive = sample.Jobs.Count(j => j.Competitive);
        var value = 100m * competitive / sample.Jobs.Count;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var how = WholeNumber.Describe(settings.Rounding);
        var described = sample.Describe();
        return Computed.Of(value, rounded, item.Band(rounded), new(
            $"{competitive} ordinære av {described.NorwegianBokmal} = {WholeNumber.ShowNb(value)} %, {how.NorwegianBokmal} til {rounded} %",
            $"{competitive} competitive of {described.English} = {WholeNumber.Show(value)}%, {how.English} to {rounded}%"));
    }
}
