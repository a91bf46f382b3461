namespace Trial.Analysis.SimulationStudy;

/// <summary>One simulated trial: its seed, the realised true effect, the main estimate and each method's 95 % CI.</summary>
public sealed record StudyReplication(int Index, ulong Seed, double RealisedEffect, double Estimate, IReadOnlyList<StudyInterval> Intervals);

/// <summary>A 95 % confidence interval from one inference method (an inference choice of the plan).</summary>
public sealed record StudyInterval(string Method, double Low, double High);
