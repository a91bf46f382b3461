namespace Trial.Analysis.Plan;

/// <summary>
/// One named inference choice from the plan. Nothing is defaulted in code: the variance estimator, the cluster,
/// the small-sample treatment of fixed effects and the df rule are all read from the plan and printed.
/// </summary>
public sealed record InferenceChoice(
    string Id,
    string Label,
    InferenceMethod Method,
    string? Vcov,
    ClusterLevel Cluster,
    DfRule Df,
    string? FixedEffectsInK,
    string? BootstrapWeights,
    int Replications,
    ulong Seed,
    string? Estimation);
