namespace Trial.Analysis.CostBenefit;

/// <summary>The employment effect Δp, its confidence interval when known, and where it came from.</summary>
public sealed record EffectEstimate(double Estimate, double? Lower, double? Upper, string Source)
{
    public bool HasInterval => Lower is not null && Upper is not null;
}
