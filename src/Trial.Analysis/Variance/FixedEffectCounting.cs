namespace Trial.Analysis.Variance;

/// <summary>
/// How absorbed fixed effects count in K of the (N−1)/(N−K) factor. <see cref="Full"/> counts them all, as lm with
/// dummies + vcovCL; <see cref="ExcludeNested"/> leaves out fixed effects nested in a cluster dimension (fixest's
/// default K.fixef = "nonnested", Stata xtreg).
/// </summary>
public enum FixedEffectCounting
{
    Full,
    ExcludeNested,
}
