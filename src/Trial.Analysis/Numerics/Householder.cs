using System.Runtime.CompilerServices;
namespace Trial.Analysis.Numerics;

/// <summary>
/// Householder QR kernels on column-major arrays. <see cref="Triangularize"/> overwrites an m×p block so that its
/// top p×p part is R (A = QR, Q discarded); <see cref="RankRevealing"/> is LINPACK dqrdc2's rule as used by R's lm.
/// </summary>
public static class Householder
{
    /// <summary>Overwrites column-major <paramref name="a"/> (m rows, leading dimension m, p columns) with R in its top rows.</summary>
    /// <param name="responses">
    /// The last columns that are responses sharing the regressors before them: the regressors' reflections reach every
    /// response, but no response's reflection reaches another; each is reduced as if it were the only one (with one
    /// response, the ordinary QR of all p columns).
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Triangularize(double[] a, int m, int p, int responses = 1)
    {
        var regressors = p - responses;
        var steps = Math.Min(m, regressors);
        for (var k = 0; k < steps; k++)
        {
            var ck = k * m;
            var vk = a.AsSpan(ck + k, m - k);
            var norm = Math.Sqrt(VectorOps.Dot(vk, vk));
            if (norm == 0)
            {
                continue;
            }
            var alpha = vk[0] > 0 ? -norm : norm;
            // v = x − alpha e1, stored in place; H = I − 2 v v'/(v'v)
            vk[0] -= alpha;
            var vv = VectorOps.Dot(vk, vk);
            for (var j = k + 1; j < p; j++)
            {
                var vj = a.AsSpan(j * m + k, m - k);
                VectorOps.SubtractScaled(2 * VectorOps.Dot(vk, vj) / vv, vk, vj);
            }
            vk[0] = alpha;
            vk[1..].Clear();
        }
        // Each response's part below the regressors' rows becomes its norm: the reflection the ordinary QR takes at this
        // step when the response is the last column (no later column to apply it to).
        for (var c = Math.Max(regressors, 0); c < p && regressors < m; c++)
        {
            var vc = a.AsSpan(c * m + regressors, m - regressors);
            var norm = Math.Sqrt(VectorOps.Dot(vc, vc));
            if (norm == 0)
            {
                continue;
            }
            vc[0] = vc[0] > 0 ? -norm : norm;
            vc[1..].Clear();
        }
    }

    /// <summary>
    /// Rank-revealing QR of a small p×p upper-triangular <paramref name="r"/> (column-major) whose last
    /// <paramref name="trailing"/> columns are responses (never dropped). A regressor column is dropped when the norm of
    /// its part orthogonal to the kept earlier columns is below <paramref name="tolerance"/> × its own norm (dqrdc2, lm's tol = 1e-7).
    /// Returns the kept regressor indices and the re-factored R of [kept, responses] (column-major, (kept+trailing)² entries).
    /// </summary>
    public static (int[] Kept, double[] R) RankRevealing(double[] r, int p, int trailing, double tolerance)
    {
        var regressors = p - trailing;
        var work = (double[])r.Clone();
        var kept = new List<int>();
        var originalNorm = new double[p];
        for (var j = 0; j < p; j++)
        {
            originalNorm[j] = Norm(work, j * p, 0, p);
        }
        var order = new List<int>();
        for (var j = 0; j < regressors; j++)
        {
            var k = kept.Count;
            // work column j has already received the reflections of the kept columns.
            var remaining = Norm(work, j * p, k, p);
            if (remaining <= tolerance * originalNorm[j] || originalNorm[j] == 0)
            {
                continue;
            }
            ApplyReflection(work, p, j, k, regressors, trailing);
            kept.Add(j);
            order.Add(j);
        }
        order.AddRange(Enumerable.Range(regressors, trailing));
        var q = order.Count;
        var result = new double[q * q];
        for (var c = 0; c < q; c++)
        {
            for (var i = 0; i < q && i <= c; i++)
            {
                result[c * q + i] = work[order[c] * p + i];
            }
        }
        return (kept.ToArray(), result);
    }

    /// <summary>Reflects rows k.. of column <paramref name="j"/> onto e_k and applies the reflection to later columns.</summary>
    private static void ApplyReflection(double[] a, int p, int j, int k, int regressors, int trailing)
    {
        var cj = j * p;
        var norm = Norm(a, cj, k, p);
        var alpha = a[cj + k] > 0 ? -norm : norm;
        a[cj + k] -= alpha;
        double vv = 0;
        for (var i = k; i < p; i++)
        {
            vv += a[cj + i] * a[cj + i];
        }
        for (var c = j + 1; c < regressors + trailing; c++)
        {
            var cc = c * p;
            double dot = 0;
            for (var i = k; i < p; i++)
            {
                dot += a[cj + i] * a[cc + i];
            }
            var f = 2 * dot / vv;
            for (var i = k; i < p; i++)
            {
                a[cc + i] -= f * a[cj + i];
            }
        }
        a[cj + k] = alpha;
        for (var i = k + 1; i < p; i++)
        {
            a[cj + i] = 0;
        }
    }

    private static double Norm(double[] a, int offset, int from, int to)
    {
        double s = 0;
        for (var i = from; i < to; i++)
        {
            s += a[offset + i] * a[offset + i];
        }
        return Math.Sqrt(s);
    }
}
