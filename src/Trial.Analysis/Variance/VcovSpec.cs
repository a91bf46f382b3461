namespace Trial.Analysis.Variance;

/// <summary>
/// The variance convention, stated in full (as fixest's vcov + ssc): estimator, reference df, K counting for fixed
/// effects nested in clusters and the two-way adjustment. Use the factories; every field is printed with the results.
/// </summary>
public sealed record VcovSpec(VcovKind Kind, DfRule Df, FixedEffectCounting FixedEffectK, MultiwayAdjustment Multiway)
{
    /// <summary>Classical σ²(X'X)⁻¹ with t(N−K).</summary>
    public static VcovSpec Iid() => new(VcovKind.Iid, DfRule.Residual, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension);

    /// <summary>Heteroskedasticity-robust HC0–HC3 with t(N−K).</summary>
    public static VcovSpec Hetero(VcovKind kind) => kind is >= VcovKind.HC0 and <= VcovKind.HC3
        ? new(kind, DfRule.Residual, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension)
        : throw new Spec.ModelInputException($"vcov: {kind} is not a heteroskedasticity-robust (HC0–HC3) estimator");

    /// <summary>Cluster-robust (clusters taken from the model spec). df: Satterthwaite for CR2, else t(G−1).</summary>
    public static VcovSpec Cluster(VcovKind kind, FixedEffectCounting fixedEffectK, MultiwayAdjustment multiway) => kind is >= VcovKind.CR0
        ? new(kind, kind == VcovKind.CR2 ? DfRule.Satterthwaite : DfRule.ClustersMinusOne, fixedEffectK, multiway)
        : throw new Spec.ModelInputException($"vcov: {kind} is not a cluster-robust (CR0–CR2) estimator");

    /// <summary>Stata / sandwich::vcovCL default: CR1S, t(G−1), all FE counted, per-dimension two-way adjustment.</summary>
    public static VcovSpec Stata() => Cluster(VcovKind.CR1S, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension);

    /// <summary>fixest default for clustered SEs: CR1S with nested FE not counted, min-G two-way, t(G_min−1).</summary>
    public static VcovSpec Fixest() => Cluster(VcovKind.CR1S, FixedEffectCounting.ExcludeNested, MultiwayAdjustment.MinG);

    public VcovSpec WithDf(DfRule df) => this with { Df = df };

    public bool IsClustered => Kind >= VcovKind.CR0;
}
