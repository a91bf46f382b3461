namespace Trial.Analysis.CostBenefit;

/// <summary>
/// Fieller-type interval for the critical wage at one horizon. The required cost is treated as known, so the
/// Fieller set is the image of the effect's CI under X*(Δp); it is unbounded when that CI includes zero.
/// </summary>
public sealed record CriticalWageInterval(int Years, double Estimate, double? Lower, double? Upper, BoundKind Kind)
{
    public string Describe() => Kind switch
    {
        BoundKind.Bounded => "bounded",
        BoundKind.UnboundedAbove => "unbounded above: the effect's CI includes zero",
        _ => "no break-even: the effect's CI lies at or below zero",
    };
}
