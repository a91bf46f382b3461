namespace Trial.Analysis.Variance;

/// <summary>
/// Variance estimator. HC0–HC3 as sandwich::vcovHC; CR0 (no adjustment); CR1 = clubSandwich "CR1" (G/(G−1) only);
/// CR1S = Stata = sandwich::vcovCL default ((N−1)/(N−K)·G/(G−1)); CR2 = Bell–McCaffrey (clubSandwich, estimatr).
/// </summary>
public enum VcovKind
{
    Iid,
    HC0,
    HC1,
    HC2,
    HC3,
    CR0,
    CR1,
    CR1S,
    CR2,
}
