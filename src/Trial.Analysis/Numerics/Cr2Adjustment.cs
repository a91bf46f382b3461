using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Bell–McCaffrey CR2 for OLS (working model Φ = I): A_g = (I − H_gg)^{-1/2} (symmetric inverse square root), meat
/// Σ_g X_gᵀA_g e_g e_gᵀA_g X_g, and the Pustejovsky–Tipton / clubSandwich Satterthwaite df of a contrast, computed
/// in O(G·k²) from P = diag(w_gᵀw_g) − Z B Zᵀ with w_g = A_g X_g B c, z_g = X_gᵀ w_g.
/// </summary>
public sealed class Cr2Adjustment
{
    private readonly double[][] _x;
    private readonly double[,] _bread;
    private readonly int[] _order;
    private readonly int[] _start;
    private readonly double[] _ax;

    private Cr2Adjustment(double[][] x, double[,] bread, int[] order, int[] start, double[] ax, double[,] meat)
    {
        _x = x;
        _bread = bread;
        _order = order;
        _start = start;
        _ax = ax;
        Meat = meat;
    }

    /// <summary>The CR2 meat (k×k).</summary>
    public double[,] Meat { get; }

    public static Cr2Adjustment Compute(double[][] x, double[] e, double[,] bread, int[] cluster, int clusterCount)
    {
        var k = x.Length;
        var n = e.Length;
        var (order, start) = GroupRows(cluster, clusterCount);
        var ax = new double[n * k];
        var scores = new double[clusterCount * k];
        Parallel.For(0, clusterCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, g =>
        {
            var from = start[g];
            var size = start[g + 1] - from;
            var xg = Matrix<double>.Build.Dense(size, k, (r, c) => x[c][order[from + r]]);
            var b = Matrix<double>.Build.DenseOfArray(bread);
            var eg = Vector<double>.Build.Dense(size, r => e[order[from + r]]);
            var (axg, ae) = ClusterInverseSquareRoot.Apply(xg, b, eg);
            for (var c = 0; c < k; c++)
            {
                double s = 0;
                for (var r = 0; r < size; r++)
                {
                    ax[(from + r) * k + c] = axg[r, c];
                    s += xg[r, c] * ae[r];
                }
                scores[g * k + c] = s;
            }
        });
        return new Cr2Adjustment(x, bread, order, start, ax, Sandwich.OuterSum(scores, k));
    }

    /// <summary>Satterthwaite df for the contrast cᵀβ (clubSandwich's <c>Satterthwaite_df</c> with Φ = I).</summary>
    public double SatterthwaiteDf(double[] contrast)
    {
        var k = contrast.Length;
        var g = _start.Length - 1;
        var bc = new double[k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                bc[i] += _bread[i, j] * contrast[j];
            }
        }
        var z = new double[g * k];
        var d = new double[g];
        for (var c = 0; c < g; c++)
        {
            for (var r = _start[c]; r < _start[c + 1]; r++)
            {
                double w = 0;
                for (var j = 0; j < k; j++)
                {
                    w += _ax[r * k + j] * bc[j];
                }
                d[c] += w * w;
                var row = _order[r];
                for (var j = 0; j < k; j++)
                {
                    z[c * k + j] += _x[j][row] * w;
                }
            }
        }
        return FromClusterSums(z, d, g, k);
    }

    /// <summary>The df of one contrast from its per-cluster sums z_g = X_gᵀw_g (g×k, row per cluster) and d_g = w_gᵀw_g.</summary>
    private double FromClusterSums(double[] z, double[] d, int g, int k)
    {
        // M_gg = z_gᵀ B z_g; Σ_gh M_gh² = tr((B ZᵀZ)²)
        var ztz = Sandwich.OuterSum(z, k);
        var bz = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                for (var l = 0; l < k; l++)
                {
                    bz[i, j] += _bread[i, l] * ztz[l, j];
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
                    t += _bread[i, j] * z[c * k + j];
                }
                mgg += z[c * k + i] * t;
            }
            trace += d[c] - mgg;
            sumP2 += d[c] * d[c] - 2 * d[c] * mgg;
        }
        return trace * trace / sumP2;
    }

    /// <summary>
    /// <see cref="SatterthwaiteDf"/> for every unit contrast (the df of each coefficient) in one pass over the rows: each
    /// row's w for all contrasts at once (its row of A_g X_g times the bread), accumulated contiguously, instead of k passes
    /// that each gather every row's columns. Same quantities; only the order of summation differs.
    /// </summary>
    public double[] SatterthwaiteDfAll()
    {
        var k = _bread.GetLength(0);
        var g = _start.Length - 1;
        var bread = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                bread[i * k + j] = _bread[i, j];
            }
        }
        // w_r = B·(A_g X_g)_r for every contrast j at once (B symmetric: its row l is its column l);
        // d[c, j] = Σ_r w_rj²; z[c, l, j] = Σ_r x_rl w_rj, so z_g of contrast j is column j of z[c].
        var d = new double[g * k];
        var z = new double[g * k * k];
        var w = new double[k];
        for (var c = 0; c < g; c++)
        {
            for (var r = _start[c]; r < _start[c + 1]; r++)
            {
                Array.Clear(w);
                var ax = _ax.AsSpan(r * k, k);
                for (var l = 0; l < k; l++)
                {
                    VectorOps.SubtractScaled(-ax[l], bread.AsSpan(l * k, k), w);
                }
                for (var j = 0; j < k; j++)
                {
                    d[c * k + j] += w[j] * w[j];
                }
                var row = _order[r];
                for (var l = 0; l < k; l++)
                {
                    VectorOps.SubtractScaled(-_x[l][row], w, z.AsSpan((c * k + l) * k, k));
                }
            }
        }
        var df = new double[k];
        var zj = new double[g * k];
        var dj = new double[g];
        for (var j = 0; j < k; j++)
        {
            for (var c = 0; c < g; c++)
            {
                dj[c] = d[c * k + j];
                for (var l = 0; l < k; l++)
                {
                    zj[c * k + l] = z[(c * k + l) * k + j];
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
