using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// What CR2 needs of X, the bread B and the clusters alone, so that fits of several outcomes on one design compute it
/// once (<see cref="Cr2Adjustment.Compute(Cr2ClusterMatrices, double[][], double[])"/>): the rows grouped by cluster,
/// per cluster M_g (A_g X_g = X_g M_g, <see cref="ClusterInverseSquareRoot"/>) from its Gram matrix S_g = X_gᵀX_g, and
/// the row-major k×k S_g N_g and N_gᵀ S_g N_g (N_g = M_g B) of the Satterthwaite df.
/// </summary>
public sealed class Cr2ClusterMatrices
{
    /// <summary>Rows per gathered block of a cluster: each sum over a block is one SIMD dot product.</summary>
    internal const int Block = 256;

    private Cr2ClusterMatrices(double[,] bread, int clusterCount, int[] order, int[] start, Matrix<double>[] m, double[] sn, double[] nsn)
    {
        Bread = bread;
        ClusterCount = clusterCount;
        Order = order;
        Start = start;
        M = m;
        SN = sn;
        NSN = nsn;
    }

    public double[,] Bread { get; }

    public int ClusterCount { get; }

    /// <summary>Row indices grouped by cluster: the rows of cluster g are Order[Start[g]..Start[g + 1]).</summary>
    internal int[] Order { get; }

    internal int[] Start { get; }

    internal Matrix<double>[] M { get; }

    internal double[] SN { get; }

    internal double[] NSN { get; }

    private double[]? _unitContrastDfs;

    /// <summary>The Satterthwaite df of every coefficient (computed by <paramref name="compute"/> the first time); a copy each call.</summary>
    internal double[] UnitContrastDfs(Func<double[]> compute)
    {
        lock (M)
        {
            _unitContrastDfs ??= compute();
            return (double[])_unitContrastDfs.Clone();
        }
    }

    public static Cr2ClusterMatrices Compute(double[][] x, double[,] bread, int[] cluster, int clusterCount)
    {
        var k = x.Length;
        var n = x.Length == 0 ? cluster.Length : x[0].Length;
        var (order, start) = Cr2Adjustment.GroupRows(cluster, clusterCount);
        var b = Matrix<double>.Build.DenseOfArray(bread);
        var root = ClusterInverseSquareRoot.RootOf(b);
        var ms = new Matrix<double>[clusterCount];
        var sn = new double[clusterCount * k * k];
        var nsn = new double[clusterCount * k * k];
        void Cluster(int g)
        {
            var gram = ClusterGram(x, order, start[g], start[g + 1]);
            var m = ClusterInverseSquareRoot.Factor(gram, root);
            var mb = m * b;
            var sg = gram * mb;
            var ng = mb.TransposeThisAndMultiply(sg);
            ms[g] = m;
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < k; j++)
                {
                    sn[(g * k + i) * k + j] = sg[i, j];
                    nsn[(g * k + i) * k + j] = ng[i, j];
                }
            }
        }
        // The rows are read once; the k×k work per cluster is small, so only large problems use both cores.
        if ((long)n * k * k > 20_000_000)
        {
            Parallel.For(0, clusterCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Cluster);
        }
        else
        {
            for (var g = 0; g < clusterCount; g++)
            {
                Cluster(g);
            }
        }
        return new Cr2ClusterMatrices(bread, clusterCount, order, start, ms, sn, nsn);
    }

    /// <summary>S_g = X_gᵀX_g over the rows order[from..to), gathered in blocks so each sum is a SIMD dot product.</summary>
    private static Matrix<double> ClusterGram(double[][] x, int[] order, int from, int to)
    {
        var k = x.Length;
        var gram = new double[k, k];
        var buffer = new double[k * Math.Min(Block, Math.Max(to - from, 1))];
        for (var b0 = from; b0 < to; b0 += Block)
        {
            var m = Math.Min(Block, to - b0);
            for (var j = 0; j < k; j++)
            {
                var column = x[j];
                var target = buffer.AsSpan(j * m, m);
                for (var r = 0; r < m; r++)
                {
                    target[r] = column[order[b0 + r]];
                }
            }
            for (var i = 0; i < k; i++)
            {
                var xi = buffer.AsSpan(i * m, m);
                for (var j = i; j < k; j++)
                {
                    gram[i, j] += VectorOps.Dot(xi, buffer.AsSpan(j * m, m));
                }
            }
        }
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                gram[i, j] = gram[j, i];
            }
        }
        return Matrix<double>.Build.DenseOfArray(gram);
    }
}
