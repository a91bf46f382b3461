using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// ST2 and SV13: each specialist's percentage, summed and divided by the number of specialists (L3006–3012,
/// L8845–8853), then a whole per cent; SV5: the reviewers' one share. A value on a boundary the anchors give twice
/// is settled by the item's boundary setting.
/// </summary>
internal static class MeanPercentMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence, ScoringSettings settings)
    {
        if (evidence.Percentages.Count == 0)
        {
            return null;
        }
        var value = evidence.Percentages.Average();
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var score = item.Band(rounded);
        var how = WholeNumber.Describe(settings.Rounding);
        var single = evidence.Percentages.Count == 1;
        var nb = single
            ? $"{WholeNumber.ShowNb(value)} %, {how.NorwegianBokmal} til {rounded} %"
            : $"gjennomsnitt av {string.Join("; ", evidence.Percentages.Select(WholeNumber.ShowNb))} = {WholeNumber.ShowNb(value)} %, {how.NorwegianBokmal} til {rounded} %";
        var en = single
            ? $"{WholeNumber.Show(value)}%, {how.English} to {rounded}%"
            : $"mean of {string.Join(", ", evidence.Percentages.Select(WholeNumber.Show))} = {WholeNumber.Show(value)}%, {how.English} to {rounded}%";
        if (item.Boundary is { } boundary && rounded == boundary.Value)
        {
            score = settings.CommunityThirtyPercent == BoundaryBand.Upper ? boundary.UpperScore : boundary.LowerScore;
            var setting = $"communityThirtyPercent={SettingNames.Of(settings.CommunityThirtyPercent)}";
            nb += $"; {boundary.Value} % står i to ankerpunkter, innstilling {setting}";
            en += $"; {boundary.Value}% is in two anchors, setting {setting}";
        }
        return Computed.Of(value, rounded, score, new(nb, en));
    }
}
