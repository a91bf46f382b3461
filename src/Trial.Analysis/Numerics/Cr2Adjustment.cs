using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Bell–McCaffrey CR2 for OLS (working model Φ = I): A_g = (I − H_gg)^{-1/2} (symmetric inverse square root), meat
/// Σ_g X_gᵀA_g e_g e_gᵀA_g X_g, and the Pustejovsky–Tipton / clubSandwich Satterthwaite df of a contrast, computed
/// in O(G·k²) from P = diag(w_gᵀw_g) − Z B Zᵀ with w_g = A_g X_g B c, z_g = X_gᵀ w_g.
/// Everything per cluster follows from its Gram matrix S_g = X_gᵀX_g and u_g = X_gᵀe_g (one pass over the rows):
/// A_g X_g = X_g M_g (<see cref="ClusterInverseSquareRoot"/>), so with N_g = M_g B the score is M_gᵀu_g,
/// z_g = S_g N_g c and w_gᵀw_g = cᵀ N_gᵀ S_g N_g c; no row-level array of A_g X_g is kept.
/// </summary>
public sealed class Cr2Adjustment
{
    // The bread, cluster count and per-cluster S_g N_g, N_gᵀ S_g N_g the df need are read from here, never copied.
    private readonly Cr2ClusterMatrices _matrices;

    private Cr2Adjustment(Cr2ClusterMatrices matrices, double[,] meat)
    {
        _matrices = matrices;
        Meat = meat;
    }

    /// <summary>The CR2 meat (k×k).</summary>
    public double[,] Meat { get; }

    public static Cr2Adjustment Compute(double[][] x, double[] e, double[,] bread, int[] cluster, int clusterCount) =>
        Compute(Cr2ClusterMatrices.Compute(x, bread, cluster, clusterCount), x, e);

    /// <summary>
    /// CR2 of residuals <paramref name="e"/> with the per-cluster matrices of their X, B and clusters, which fits of
    /// several outcomes on one design share: only u_g = X_gᵀe_g and the score M_gᵀu_g are the outcome's own.
    /// </summary>
    public static Cr2Adjustment Compute(Cr2ClusterMatrices matrices, double[][] x, double[] e)
    {
        var k = x.Length;
        var g = matrices.ClusterCount;
        var scores = new double[g * k];
        for (var c = 0; c < g; c++)
        {
            var u = ClusterScore(x, e, matrices.Order, matrices.Start[c], matrices.Start[c + 1]);
            var score = matrices.M[c].TransposeThisAndMultiply(u);
            for (var i = 0; i < k; i++)
            {
                scores[c * k + i] = score[i];
            }
        }
        return new Cr2Adjustment(matrices, Sandwich.OuterSum(scores, k));
    }

    /// <summary>u_g = X_gᵀe_g over the rows order[from..to), in the blocks and order <see cref="Cr2ClusterMatrices"/> sums S_g in.</summary>
    private static Vector<double> ClusterScore(double[][] x, double[] e, int[] order, int from, int to)
    {
        var k = x.Length;
        var u = new double[k];
        var buffer = new double[(k + 1) * Math.Min(Cr2ClusterMatrices.Block, Math.Max(to - from, 1))];
        for (var b0 = from; b0 < to; b0 += Cr2ClusterMatrices.Block)
        {
            var m = Math.Min(Cr2ClusterMatrices.Block, to - b0);
            for (var j = 0; j <= k; j++)
            {
                var column = j < k ? x[j] : e;
                var target = buffer.AsSpan(j * m, m);
                for (var r = 0; r < m; r++)
                {
                    target[r] = column[order[b0 + r]];
                }
            }
            var residual = buffer.AsSpan(k * m, m);
            for (var i = 0; i < k; i++)
            {
                u[i] += VectorOps.Dot(buffer.AsSpan(i * m, m), residual);
            }
        }
        return Vector<double>.Build.DenseOfArray(u);
    }

    /// <summary>Satterthwaite df for the contrast cᵀβ (clubSandwich's <c>Satterthwaite_df</c> with Φ = I).</summary>
    public double SatterthwaiteDf(double[] contrast)
    {
        var k = contrast.Length;
        var g = _matrices.ClusterCount;
        var sn = _matrices.SN;
        var nsn = _matrices.NSN;
        var z = new double[g * k];
        var d = new double[g];
        for (var c = 0; c < g; c++)
        {
            for (var i = 0; i < k; i++)
            {
                var row = (c * k + i) * k;
                z[c * k + i] = VectorOps.Dot(sn.AsSpan(row, k), contrast);
                d[c] += contrast[i] * VectorOps.Dot(nsn.AsSpan(row, k), contrast);
            }
        }
        return FromClusterSums(z, d, g, k);
    }

    /// <summary>The df of one contrast from its per-cluster sums z_g = X_gᵀw_g (g×k, row per cluster) and d_g = w_gᵀw_g.</summary>
    private double FromClusterSums(double[] z, double[] d, int g, int k)
    {
        // M_gg = z_gᵀ B z_g; Σ_gh M_gh² = tr((B ZᵀZ)²)
        var bread = _matrices.Bread;
        var ztz = Sandwich.OuterSum(z, k);
        var bz = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var l = 0; l < k; l++)
                {
                    bz[i, j] += bread[i, l] * ztz[l, j];
                }
            }
        }
        double sumM2 = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                sumM2 += bz[i, j] * bz[j, i];
            }
        }
        double trace = 0, sumP2 = sumM2;
        for (var c = 0; c < g; c++)
        {
            double mgg = 0;
            for (var i = 0; i < k; i++)
            {
                double t = 0;
                for (var j = 0; j < k; j++)
                {
                    t += bread[i, j] * z[c * k + j];
                }
                mgg += z[c * k + i] * t;
            }
            trace += d[c] - mgg;
            sumP2 += d[c] * d[c] - 2 * d[c] * mgg;
        }
        return trace * trace / sumP2;
    }

    /// <summary>
    /// <see cref="SatterthwaiteDf"/> for every unit contrast (the df of each coefficient). They depend on X, B and the
    /// clusters alone, so outcomes sharing a design (and their cluster matrices) compute them once.
    /// </summary>
    public double[] SatterthwaiteDfAll() => _matrices.UnitContrastDfs(UnitContrastDfs);

    private double[] UnitContrastDfs()
    {
        var k = _matrices.Bread.GetLength(0);
        var g = _matrices.ClusterCount;
        var sn = _matrices.SN;
        var nsn = _matrices.NSN;
        var df = new double[k];
        var zj = new double[g * k];
        var dj = new double[g];
        for (var j = 0; j < k; j++)
        {
            for (var c = 0; c < g; c++)
            {
                dj[c] = nsn[(c * k + j) * k + j];
                for (var l = 0; l < k; l++)
                {
                    zj[c * k + l] = sn[(c * k + l) * k + j];
                }
            }
            df[j] = FromClusterSums(zj, dj, g, k);
        }
        return df;
    }

    /// <summary>Row indices grouped by cluster (counting sort): rows of cluster g are order[start[g]..start[g+1]).</summary>
    public static (int[] Order, int[] Start) GroupRows(int[] cluster, int clusterCount)
    {
        var start = new int[clusterCount + 1];
        foreach (var c in cluster)
        {
            start[c + 1]++;
        }
        for (var g = 0; g < clusterCount; g++)
        {
            start[g + 1] += start[g];
        }
        var next = (int[])start.Clone();
        var order = new int[cluster.Length];
        for (var i = 0; i < cluster.Length; i++)
        {
            order[next[cluster[i]]++] = i;
        }
        return (order, start);
    }
}
