using System.Runtime.CompilerServices;
namespace Trial.Analysis.Numerics;

/// <summary>
/// Sandwich "meat" kernels on working arrays (columns of X and residuals already scaled by √weights). Suffixes:
/// n = rows, k = coefficients, g = clusters. Matrices are k×k as [i, j].
/// </summary>
public static class Sandwich
{
    /// <summary>Per-cluster score sums S[g·k + j] = Σ_{i∈g} x_ij e_i (row chunks in parallel, each with its own buffer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] ClusterScores(double[][] x, double[] e, int[] cluster, int clusterCount)
    {
        var k = x.Length;
        var n = e.Length;
        var parts = n < 100_000 ? 1 : Environment.ProcessorCount;
        var partial = new double[parts][];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var scores = new double[clusterCount * k];
            var from = (int)((long)n * part / parts);
            var to = (int)((long)n * (part + 1) / parts);
            for (var j = 0; j < k; j++)
            {
                var col = x[j];
                if (from >= to)
                {
                    break;
                }
                // Runs of one cluster (sorted panels) are summed in a register first.
                var level = cluster[from];
                double run = 0;
                for (var i = from; i < to; i++)
                {
                    var c = cluster[i];
                    if (c != level)
                    {
                        scores[level * k + j] += run;
                        level = c;
                        run = 0;
                    }
                    run += col[i] * e[i];
                }
                scores[level * k + j] += run;
            }
            partial[part] = scores;
        });
        var total = partial[0];
        for (var p = 1; p < parts; p++)
        {
            var other = partial[p];
            for (var i = 0; i < total.Length; i++)
            {
                total[i] += other[i];
            }
        }
        return total;
    }

    /// <summary>Σ_g s_g s_gᵀ of row-major scores (g × k).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[,] OuterSum(double[] scores, int k)
    {
        var g = scores.Length / k;
        var meat = new double[k, k];
        for (var c = 0; c < g; c++)
        {
            var o = c * k;
            for (var i = 0; i < k; i++)
            {
                var si = scores[o + i];
                if (si == 0)
                {
                    continue;
                }
                for (var j = i; j < k; j++)
                {
                    meat[i, j] += si * scores[o + j];
                }
            }
        }
        Symmetrise(meat);
        return meat;
    }

    /// <summary>Σ_i ω_i x_i x_iᵀ (HC meat with per-row weights ω, e.g. e², e²/(1−h), e²/(1−h)²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[,] WeightedCrossProduct(double[][] x, double[] omega)
    {
        var k = x.Length;
        var meat = new double[k, k];
        Parallel.For(0, k, RowParallelism.For(omega.Length), a =>
        {
            for (var b = a; b < k; b++)
            {
                double s = 0;
                var xa = x[a];
                var xb = x[b];
                for (var i = 0; i < omega.Length; i++)
                {
                    s += omega[i] * xa[i] * xb[i];
                }
                meat[a, b] = s;
            }
        });
        Symmetrise(meat);
        return meat;
    }

    /// <summary>Leverages h_i = x_iᵀ B x_i.</summary>
    public static double[] Leverage(double[][] x, double[,] bread)
    {
        var k = x.Length;
        var n = k == 0 ? 0 : x[0].Length;
        var h = new double[n];
        Parallel.For(0, n, RowParallelism.For(n), () => new double[k], (i, _, row) =>
        {
            for (var a = 0; a < k; a++)
            {
                row[a] = x[a][i];
            }
            double s = 0;
            for (var a = 0; a < k; a++)
            {
                double t = 0;
                for (var b = 0; b < k; b++)
                {
                    t += bread[a, b] * row[b];
                }
                s += row[a] * t;
            }
            h[i] = s;
            return row;
        }, _ => { });
        return h;
    }

    /// <summary>B M B.</summary>
    public static double[,] Sandwiched(double[,] bread, double[,] meat)
    {
        var k = bread.GetLength(0);
        var bm = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                double s = 0;
                for (var l = 0; l < k; l++)
                {
                    s += bread[i, l] * meat[l, j];
                }
                bm[i, j] = s;
            }
        }
        var v = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                double s = 0;
                for (var l = 0; l < k; l++)
                {
                    s += bm[i, l] * bread[l, j];
                }
                v[i, j] = s;
                v[j, i] = s;
            }
        }
        return v;
    }

    private static void Symmetrise(double[,] m)
    {
        var k = m.GetLength(0);
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < i; j++)
            {
                m[i, j] = m[j, i];
            }
        }
    }
}
