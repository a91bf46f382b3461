using Trial.Analysis.Variance;

namespace Trial.Analysis.Plan;

/// <summary>
/// One named inference choice from the plan. Nothing is defaulted in code: the variance estimator, the cluster,
/// the counting of fixed effects in K and the df rule are all read from the plan and printed.
/// </summary>
public sealed record InferenceChoice(
    string Id,
    string Label,
    InferenceMethod Method,
    VcovKind? Vcov,
    ClusterLevel Cluster,
    DfRule? Df,
    FixedEffectCounting? FixedEffectsInK,
    string? BootstrapWeights,
    int Replications,
    ulong Seed,
    string? Estimation)
{
    /// <summary>The label in Norwegian bokmål (label_nb), for the nb-NO report.</summary>
    public string LabelNorwegian { get; init; } = Label;

    /// <summary>The estimator's variance convention, for a sandwich choice.</summary>
    public VcovSpec ToVcovSpec() => Vcov switch
    {
        null => throw new InvalidOperationException($"inference '{Id}' is not a sandwich variance"),
        VcovKind.Iid => VcovSpec.Iid(),
        >= VcovKind.CR0 => VcovSpec.Cluster(Vcov.Value, FixedEffectsInK!.Value, MultiwayAdjustment.PerDimension).WithDf(Df!.Value),
        _ => VcovSpec.Hetero(Vcov.Value).WithDf(Df!.Value),
    };
}
