using Trial.Analysis.Numerics;

namespace Trial.Analysis.Ols;

/// <summary>
/// Work that depends only on a design's X, its bread and a clustering, kept once for the fits of several outcomes on
/// one design (<see cref="OlsEstimator.FitSameX"/>): their X, kept columns and bread are the same arrays and values.
/// Clusterings are told apart by their code arrays (a re-clustered fit codes its own).
/// </summary>
internal sealed class SharedDesignWork
{
    private readonly Dictionary<int[], Cr2ClusterMatrices> _cr2 = new(ReferenceEqualityComparer.Instance);

    public Cr2ClusterMatrices Cr2(int[] clusterCodes, Func<Cr2ClusterMatrices> compute)
    {
        lock (_cr2)
        {
            if (!_cr2.TryGetValue(clusterCodes, out var matrices))
            {
                matrices = compute();
                _cr2[clusterCodes] = matrices;
            }
            return matrices;
        }
    }
}
