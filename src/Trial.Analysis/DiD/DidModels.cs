using Trial.Analysis.Spec;

namespace Trial.Analysis.DiD;

/// <summary>
/// Specifications of the RCT difference-in-differences family (analysis-reference.md §1c): the canonical 2×2 by
/// regression (<c>y ~ treated * post</c>, effect = <c>treated:post</c>) and ANCOVA on the baseline outcome
/// (<c>y_post ~ treated + y_baseline</c>), which is more efficient under randomisation when autocorrelation is low.
/// </summary>
public static class DidModels
{
    /// <summary>Long data, one row per unit and period; treated and post are 0/1 columns. The effect is the coefficient <see cref="InteractionTerm"/>.</summary>
    public static ModelSpec TwoByTwo(string outcome, string treated, string post, string cluster) =>
        ModelSpec.FromFormula($"{outcome} ~ {treated} * {post}").WithCluster(cluster);

    public static string InteractionTerm(string treated, string post) => $"{treated}:{post}";

    /// <summary>Wide data, one row per unit: follow-up outcome on treatment, baseline outcome and optional covariates.</summary>
    public static ModelSpec Ancova(string followUp, string treated, string baseline, params string[] covariates) =>
        ModelSpec.FromFormula($"{followUp} ~ {string.Join(" + ", new[] { treated, baseline }.Concat(covariates))}");
}
