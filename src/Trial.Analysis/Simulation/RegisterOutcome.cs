namespace Trial.Analysis.Simulation;

/// <summary>
/// One register status simulated by thresholding a latent AR(1) series so that its marginal follows the control path of seed 001
/// Tables 6–7 by month relative to inclusion (k), plus the person's propensity (work only) and the IPS effect.
/// </summary>
/// <param name="Column">Register extract column.</param>
/// <param name="Persistence">ρ: month-to-month correlation of the latent Gaussian series; spells last longer as ρ → 1.</param>
/// <param name="Path">Control-group probability at event month k.</param>
/// <param name="IpsEffect">Full IPS effect on the probability (half in the first month after inclusion, full from the second).</param>
/// <param name="LastMonth">Last month with data (index from 2010-01), e.g. social assistance ends 2015-12.</param>
public sealed record RegisterOutcome(string Column, double Persistence, Func<int, double> Path, double IpsEffect, int LastMonth)
{
    public static IReadOnlyList<RegisterOutcome> Seed001(int lastMonth) =>
    [
        new("aap", 0.95, k => k <= -36 ? 0.22 : k < 0 ? 0.22 + (0.52 - 0.22) * (k + 36) / 36.0 : Math.Min(0.58, 0.52 + 0.005 * k), -0.045, lastMonth),
        new("disability", 0.985, k => k < 0 ? 0.06 + 0.06 * Math.Max(0, k + 44) / 44.0 : Math.Min(0.19, 0.12 + 0.0022 * k), 0.0, lastMonth),
        new("social_assistance", 0.9, k => k < 0 ? 0.11 + 0.055 * Math.Max(0, k + 24) / 24.0 : Math.Max(0.07, 0.165 - 0.0055 * k), 0.0, 71),
        new("nav_measure", 0.9, k => k < -12 ? 0.14 : k <= 0 ? 0.09 : Math.Min(0.36, 0.09 + 0.05 * k), -0.18, lastMonth),
        new("sick_leave", 0.6, k => k < -3 ? 0.075 : k <= 0 ? 0.06 : 0.025, 0.027, lastMonth),
        new("education", 0.9, k => k < 0 ? 0.06 : 0.035, 0.0, lastMonth),
    ];

    /// <summary>Control path of "in work" (Tables 6–7): 0.29 until a year before inclusion, 0.185 at inclusion, 0.27 at +18.</summary>
    public static double WorkPath(int k) =>
        k <= -12 ? 0.29
        : k < 0 ? 0.29 - (0.29 - 0.215) * (k + 12) / 12.0
        : k == 0 ? 0.185
        : Math.Min(0.285, 0.185 + 0.08 * Math.Min(1.0, k / 6.0) + 0.0012 * Math.Max(0, k - 6));

    /// <summary>How much of the effect has arrived k months after inclusion.</summary>
    public static double Ramp(int k) => k <= 0 ? 0 : k == 1 ? 0.5 : 1.0;
}
