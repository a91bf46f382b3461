namespace Trial.Analysis.Numerics;

/// <summary>Result of one column's demeaning: sweeps, convergence, and Σx² of the input and of the output (for collinearity checks).</summary>
public readonly record struct DemeanOutcome(int Iterations, bool Converged, double SourceSquares, double ResultSquares);
