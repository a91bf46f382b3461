namespace Trial.Analysis.FixedEffects;

/// <summary>How the fixed effects were absorbed: per-dimension level counts, absorbed df, demeaning sweeps and convergence.</summary>
public sealed record AbsorptionReport(IReadOnlyList<string> Names, IReadOnlyList<int> Levels, int AbsorbedDf, int MaxIterations, bool Converged, double Tolerance)
{
    public static AbsorptionReport None { get; } = new([], [], 0, 0, true, 0);

    public override string ToString() => Names.Count == 0
        ? "no absorbed fixed effects"
        : $"absorbed {string.Join(" + ", Names.Select((n, i) => $"{n} ({Levels[i]} levels)"))}: {AbsorbedDf} df; " +
          $"alternating projections {(Converged ? "converged" : "DID NOT CONVERGE")} in ≤ {MaxIterations} sweeps (tol {Tolerance:G2})";
}
