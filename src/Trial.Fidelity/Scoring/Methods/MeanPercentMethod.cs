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
        var rule = evidence.Percentages.Count == 1
            ? $"{WholeNumber.Show(value)}%, {WholeNumber.Describe(settings.Rounding)} to {rounded}%"
            : $"mean of {string.Join(", ", evidence.Percentages.Select(WholeNumber.Show))} = {WholeNumber.Show(value)}%, "
              + $"{WholeNumber.Describe(settings.Rounding)} to {rounded}%";
        if (item.Boundary is { } boundary && rounded == boundary.Value)
        {
            score = settings.CommunityThirtyPercent == BoundaryBand.Upper ? boundary.UpperScore : boundary.LowerScore;
            rule += $"; {boundary.Value}% is in two anchors, setting communityThirtyPercent={SettingNames.Of(settings.CommunityThirtyPercent)}";
        }
        return Computed.Of(value, rounded, score, rule);
    }
}
