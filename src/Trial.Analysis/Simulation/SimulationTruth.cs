namespace Trial.Analysis.Simulation;

/// <summary>
/// The known truth of a simulated trial, computed from both potential outcomes of every participant
/// (same random numbers with and without IPS): the sample average effect on post-inclusion person-months.
/// </summary>
public sealed record SimulationTruth(
    ulong Seed,
    double NominalEffect,
    double AverageEffectInWork,
    IReadOnlyDictionary<string, double> CentreEffectInWork,
    double AverageEffectNavMeasure);
