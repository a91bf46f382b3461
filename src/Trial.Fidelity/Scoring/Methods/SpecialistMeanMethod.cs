using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>ST3, OR1, SV3, SV7: a score per specialist, then their mean, rounded (e.g. 3.67 → 3, L3195–3201, L7702–7706).</summary>
internal static class SpecialistMeanMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence, ScoringSettings settings)
    {
        if (evidence.SpecialistScores.Count == 0)
        {
            return null;
        }
        var scores = evidence.SpecialistScores;
        var list = string.Join(", ", scores);
        if (item.UsesTeamIntegrationSetting && settings.TeamIntegration == SpecialistAggregation.LowestSpecialist)
        {
            var lowest = scores.Min();
            return Computed.Of(lowest, lowest, lowest, new(
                $"jobbspesialistene fikk {list}; lavest = {lowest} (innstilling teamIntegration=lowest-specialist)",
                $"specialists scored {list}; lowest = {lowest} (setting teamIntegration=lowest-specialist)"));
        }
        var value = (decimal)scores.Sum() / scores.Count;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var how = WholeNumber.Describe(settings.Rounding);
        return Computed.Of(value, rounded, (int)rounded, new(
            $"jobbspesialistene fikk {list}; gjennomsnitt {WholeNumber.ShowNb(value)}, {how.NorwegianBokmal} til {rounded}",
            $"specialists scored {list}; mean {WholeNumber.Show(value)}, {how.English} to {rounded}"));
    }
}
