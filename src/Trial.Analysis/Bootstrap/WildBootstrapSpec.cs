namespace Trial.Analysis.Bootstrap;

/// <summary>
/// Restricted wild cluster bootstrap (WCR) of H₀: β[coefficient] = nullValue, clustered by the model's (first) cluster
/// variable. With Rademacher weights and 2^G ≤ replications every sign vector is enumerated (exact, as boottest).
/// </summary>
public sealed record WildBootstrapSpec(string Coefficient, double NullValue, BootstrapWeights Weights, int Replications, ulong Seed, double Level = 0.95);
