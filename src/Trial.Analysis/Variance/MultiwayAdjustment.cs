namespace Trial.Analysis.Variance;

/// <summary>
/// Small-sample adjustment for two-way clustering (V = V₁ + V₂ − V₁₂, Cameron–Gelbach–Miller):
/// <see cref="PerDimension"/> gives each term its own G_S/(G_S−1) (sandwich::vcovCL);
/// <see cref="MinG"/> scales the sum by G_min/(G_min−1) (fixest G.df = "min", reghdfe, ivreg2 small).
/// </summary>
public enum MultiwayAdjustment
{
    PerDimension,
    MinG,
}
