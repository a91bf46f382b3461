namespace Trial.Analysis.Numerics;

/// <summary>
/// Reusable buffers of one demeaning worker: one sum per level and dimension, and two n-vectors for the extrapolation,
/// allocated only when a column needs more than one sweep (never for a balanced two-way panel).
/// </summary>
public sealed class DemeanScratch(int n, int[] levels)
{
    private double[]? _previous;
    private double[]? _current;

    internal double[] Previous => _previous ??= LargeArrays.Uninitialized(n);

    internal double[] Current => _current ??= LargeArrays.Uninitialized(n);

    internal double[][] Sums { get; } = levels.Select(l => new double[l]).ToArray();
}
