namespace Trial.Analysis.Simulation;

/// <summary>What `simulate` is asked for: the seed and the true average IPS effect on being in work.</summary>
/// <param name="Seed">Random seed; the same seed gives a byte-identical package.</param>
/// <param name="Effect">True IPS effect on the monthly probability of work (seed 001 Table 8: 0.095), averaged over centres.</param>
public sealed record SimulationSettings(ulong Seed, double Effect);
