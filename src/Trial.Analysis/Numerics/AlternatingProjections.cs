namespace Trial.Analysis.Numerics;

/// <summary>
/// Within transformation for any number of fixed effects: the (weighted) method of alternating projections — subtract
/// group means of each dimension in turn — accelerated by Irons–Tuck extrapolation as in fixest. Works in place on one
/// column; memory is O(n) per column and O(levels) per dimension, never an n × levels matrix.
/// </summary>
public static class AlternatingProjections
{
    /// <summary>Demeans <paramref name="v"/> in place. Returns the number of sweeps and whether it converged
    /// (max |change| ≤ tolerance × (1 + max |v|)).</summary>
    public static (int Iterations, bool Converged) Demean(double[] v, int[][] codes, double[][] inverseLevelWeights, double[]? weights,
        double tolerance, int maxIterations)
    {
        var n = v.Length;
        var sums = inverseLevelWeights.Select(l => new double[l.Length]).ToArray();
        var scale = 1.0;
        for (var i = 0; i < n; i++)
        {
            scale = Math.Max(scale, Math.Abs(v[i]));
        }
        if (codes.Length == 1)
        {
            Sweep(v, codes, inverseLevelWeights, weights, sums);
            return (1, true);
        }
        var x0 = new double[n];
        var x1 = new double[n];
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            Array.Copy(v, x0, n);
            Sweep(v, codes, inverseLevelWeights, weights, sums);
            Array.Copy(v, x1, n);
            Sweep(v, codes, inverseLevelWeights, weights, sums);
            double change = 0, dot12 = 0, dot22 = 0;
            for (var i = 0; i < n; i++)
            {
                var d1 = v[i] - x1[i];
                var d2 = d1 - x1[i] + x0[i];
                change = Math.Max(change, Math.Abs(d1));
                dot12 += d1 * d2;
                dot22 += d2 * d2;
            }
            if (change <= tolerance * scale)
            {
                return (iteration, true);
            }
            if (dot22 > 0)
            {
                var coef = dot12 / dot22;
                for (var i = 0; i < n; i++)
                {
                    v[i] -= coef * (v[i] - x1[i]);
                }
            }
        }
        return (maxIterations, false);
    }

    /// <summary>1 / (sum of weights) per level of each dimension (counts when unweighted).</summary>
    public static double[][] InverseLevelWeights(int[][] codes, int[] levels, double[]? weights)
    {
        var result = new double[codes.Length][];
        for (var d = 0; d < codes.Length; d++)
        {
            var sum = new double[levels[d]];
            var code = codes[d];
            for (var i = 0; i < code.Length; i++)
            {
                sum[code[i]] += weights?[i] ?? 1.0;
            }
            for (var l = 0; l < sum.Length; l++)
            {
                sum[l] = sum[l] > 0 ? 1.0 / sum[l] : 0.0;
            }
            result[d] = sum;
        }
        return result;
    }

    private static void Sweep(double[] v, int[][] codes, double[][] inverseLevelWeights, double[]? weights, double[][] sums)
    {
        for (var d = 0; d < codes.Length; d++)
        {
            var code = codes[d];
            var sum = sums[d];
            var inv = inverseLevelWeights[d];
            Array.Clear(sum);
            if (weights is null)
            {
                for (var i = 0; i < v.Length; i++)
                {
                    sum[code[i]] += v[i];
                }
            }
            else
            {
                for (var i = 0; i < v.Length; i++)
                {
                    sum[code[i]] += weights[i] * v[i];
                }
            }
            for (var l = 0; l < sum.Length; l++)
            {
                sum[l] *= inv[l];
            }
            for (var i = 0; i < v.Length; i++)
            {
                v[i] -= sum[code[i]];
            }
        }
    }
}
