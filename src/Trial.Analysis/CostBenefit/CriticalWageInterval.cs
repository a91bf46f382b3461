namespace Trial.Analysis.CostBenefit;

/// <summary>
/// Fieller-type interval for the critical wage at one horizon. The required cost is treated as known, so the
/// Fieller set is the image of the effect's CI under X*(Δp); it is unbounded when that CI includes zero.
/// </summary>
public sealed record CriticalWageInterval(int Years, double Estimate, double? Lower, double? Upper, BoundKind Kind)
{
    /// <summary>The kind of bound in words (English in results.json and the CSVs, the report's language in the report).</summary>
    public string Describe(Report.ReportLocale? l = null)
    {
        l ??= Report.ReportLocale.English;
        return Kind switch
        {
            BoundKind.Bounded => l.Text("bounded", "begrenset"),
            BoundKind.UnboundedAbove => l.Text("unbounded above: the effect's CI includes zero", "ubegrenset oppover: effektens KI inneholder null"),
            _ => l.Text("no break-even: the effect's CI lies at or below zero", "ingen balansepunkt: effektens KI ligger på eller under null"),
        };
    }
}
