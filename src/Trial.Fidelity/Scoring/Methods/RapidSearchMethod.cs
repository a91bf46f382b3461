using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// SV4: the median of the recent entrants' days (sorted; an even count averages the middle two), so that outliers do
/// not dominate (L6829–6841), or, by setting, the calculation box's mean of the specialists' means (L6970–6978).
/// </summary>
internal static class RapidSearchMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence, ScoringSettings settings)
    {
        if (evidence.Days.Count == 0)
        {
            return null;
        }
        decimal value;
        string nb, en;
        if (settings.RapidSearchStatistic == RapidSearchStatistic.PooledMedian)
        {
            value = Median(evidence.Days.Select(d => d.Days));
            nb = $"median av {evidence.Days.Count} nye deltakeres dager = {WholeNumber.ShowNb(value)}";
            en = $"median of {evidence.Days.Count} entrants' days = {WholeNumber.Show(value)}";
        }
        else
        {
            var means = evidence.Days.GroupBy(d => d.Specialist ?? "").Select(g => g.Average(d => d.Days)).ToList();
            value = means.Average();
            nb = $"gjennomsnitt av {means.Count} jobbspesialisters gjennomsnittlige dager = {WholeNumber.ShowNb(value)}";
            en = $"mean of {means.Count} specialists' mean days = {WholeNumber.Show(value)}";
        }
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var how = WholeNumber.Describe(settings.Rounding);
        return Computed.Of(value, rounded, item.Band(rounded), new($"{nb}, {how.NorwegianBokmal} til {rounded} dager", $"{en}, {how.English} to {rounded} days"));
    }

    public static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
