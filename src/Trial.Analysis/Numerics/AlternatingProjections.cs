using System.Runtime.CompilerServices;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Within transformation for any number of fixed effects: the (weighted) method of alternating projections — subtract
/// group means of each dimension in turn — accelerated by Irons–Tuck extrapolation as in fixest. Works in place on one
/// column; memory is O(n) per worker and O(levels) per dimension, never an n × levels matrix. Passes are fused: removing
/// the means of dimension d accumulates the sums of dimension d+1, so one sweep over D dimensions reads the data D times.
/// </summary>
public static class AlternatingProjections
{
    /// <summary>
    /// Writes the demeaned <paramref name="source"/> into <paramref name="v"/> (same length). Converged when the largest
    /// group mean still to be removed is ≤ tolerance × max(1, max |source|). The first pass copies and accumulates the
    /// dimension-0 sums at once; every later pass also returns Σ v² of its output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DemeanOutcome Demean(double[] source, double[] v, int[][] codes, double[][] inverseLevelWeights, double[]? weights,
        double tolerance, int maxIterations, DemeanScratch? scratch = null)
    {
        var n = v.Length;
        var dims = codes.Length;
        scratch ??= new DemeanScratch(n, inverseLevelWeights.Select(l => l.Length).ToArray());
        var sums = scratch.Sums;
        var (scale, sourceSquares) = CopyAndAccumulate(source, v, codes[0], weights, sums[0]);
        var limit = tolerance * Math.Max(1.0, scale);
        if (dims == 1)
        {
            var squares = Project(v, codes[0], inverseLevelWeights[0], sums[0], null, weights, null);
            return new DemeanOutcome(1, true, sourceSquares, squares);
        }
        var x0 = scratch.Previous;
        var x1 = scratch.Current;
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            // Plain sweep; on even iterations keep snapshots for an Irons–Tuck extrapolation.
            var accelerate = iteration % 2 == 0;
            if (accelerate)
            {
                Array.Copy(v, x0, n);
            }
            var (change, squares) = Sweep(v, codes, inverseLevelWeights, weights, sums);
            if (Converged(change, sums[0], inverseLevelWeights[0], dims, limit))
            {
                return new DemeanOutcome(iteration, true, sourceSquares, squares);
            }
            if (!accelerate)
            {
                continue;
            }
            Array.Copy(v, x1, n);
            (change, squares) = Sweep(v, codes, inverseLevelWeights, weights, sums);
            if (Converged(change, sums[0], inverseLevelWeights[0], dims, limit))
            {
                return new DemeanOutcome(iteration, true, sourceSquares, squares);
            }
            // x2 = v. Extrapolate: v ← x2 − coef·(x2 − x1), coef = <Δ1, Δ2>/<Δ2, Δ2>; then refresh the dimension-0 sums.
            double dot12 = 0, dot22 = 0;
            for (var i = 0; i < n; i++)
            {
                var d1 = v[i] - x1[i];
                var d2 = d1 - x1[i] + x0[i];
                dot12 += d1 * d2;
                dot22 += d2 * d2;
            }
            if (dot22 > 0)
            {
                var coef = dot12 / dot22;
                for (var i = 0; i < n; i++)
                {
                    v[i] -= coef * (v[i] - x1[i]);
                }
                CopyAndAccumulate(v, v, codes[0], weights, sums[0]);
            }
        }
        return new DemeanOutcome(maxIterations, false, sourceSquares, double.NaN);
    }

    /// <summary>With two dimensions the last one was just projected exactly, so small dimension-0 means are a fixed point.</summary>
    private static bool Converged(double change, double[] sums0, double[] inverse0, int dims, double limit) =>
        change <= limit || (dims == 2 && MaxMean(sums0, inverse0) <= limit);

    /// <summary>1 / (sum of weights) per level of each dimension (counts when unweighted).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>One sweep; on entry sums[0] holds the dimension-0 sums of v, on exit again. Returns the largest mean removed and Σ v².</summary>
    private static (double Change, double Squares) Sweep(double[] v, int[][] codes, double[][] inverse, double[]? weights, double[][] sums)
    {
        var dims = codes.Length;
        double change = 0, squares = 0;
        for (var d = 0; d < dims; d++)
        {
            var next = (d + 1) % dims;
            change = Math.Max(change, MaxMean(sums[d], inverse[d]));
            squares = Project(v, codes[d], inverse[d], sums[d], codes[next], weights, sums[next]);
        }
        return (change, squares);
    }

    private static double MaxMean(double[] sums, double[] inverse)
    {
        double max = 0;
        for (var l = 0; l < sums.Length; l++)
        {
            max = Math.Max(max, Math.Abs(sums[l] * inverse[l]));
        }
        return max;
    }

    /// <summary>target ← source while sum[code[i]] += w_i v_i; returns max |v| and Σ v².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Max, double Squares) CopyAndAccumulate(double[] source, double[] target, int[] code, double[]? weights, double[] sum)
    {
        Array.Clear(sum);
        if (source.Length == 0)
        {
            return (0, 0);
        }
        var running = new RunningGroupSum(code[0]);
        double max = 0, squares = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var x = source[i];
            target[i] = x;
            max = Math.Max(max, Math.Abs(x));
            squares += x * x;
            running.Add(sum, code[i], weights is null ? x : weights[i] * x);
        }
        running.Flush(sum);
        return (max, squares);
    }

    /// <summary>v −= mean of its level in <paramref name="code"/>, accumulating the sums for <paramref name="nextCode"/>; returns Σ v².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Project(double[] v, int[] code, double[] inverse, double[] sum, int[]? nextCode, double[]? weights, double[]? nextSum)
    {
        for (var l = 0; l < sum.Length; l++)
        {
            sum[l] *= inverse[l];
        }
        double squares = 0;
        if (nextCode is null || nextSum is null)
        {
            for (var i = 0; i < v.Length; i++)
            {
                var x = v[i] - sum[code[i]];
                v[i] = x;
                squares += x * x;
            }
            return squares;
        }
        Array.Clear(nextSum);
        if (v.Length == 0)
        {
            return 0;
        }
        var running = new RunningGroupSum(nextCode[0]);
        for (var i = 0; i < v.Length; i++)
        {
            var x = v[i] - sum[code[i]];
            v[i] = x;
            squares += x * x;
            running.Add(nextSum, nextCode[i], weights is null ? x : weights[i] * x);
        }
        running.Flush(nextSum);
        return squares;
    }
}
