namespace Trial.Analysis.Simulation;

/// <summary>A simulated centre: its size and its relative IPS effect (seed 001 Table 12) and control level (Table 11).</summary>
public sealed record Centre(string Code, int Participants, double RelativeEffect, double ControlLevel)
{
    /// <summary>
    /// The six centres of seed 001 (30–99 each, 410 in all). Relative effects are Table 12's separate-regression
    /// coefficients; control levels follow Table 11's centre dummies, shrunk by half.
    /// </summary>
    public static IReadOnlyList<Centre> Seed001 { get; } =
    [
        new("oslo", 62, 0.004, 0.0),
        new("hadeland", 99, 0.055, 0.012),
        new("vestfold", 88, 0.164, -0.05),
        new("akershus", 30, 0.050, -0.07),
        new("elverum", 55, 0.105, -0.008),
        new("hordaland", 76, 0.138, -0.075),
    ];
}
