using System.Runtime.CompilerServices;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Within transformation for two unweighted fixed effects when every level of one of them (the "run" dimension, e.g.
/// person in a panel stored person by person) occupies one contiguous run of rows. One sweep of alternating projections
/// (runs, then the other dimension) is then two streaming passes over all columns, instead of three passes per column:
/// pass 1 takes each run's mean while the run is in cache and accumulates the other dimension's sums of x − run mean;
/// pass 2 writes v = x − run mean − other mean, takes the runs' means of v for the convergence test of
/// <see cref="AlternatingProjections"/> (all ≤ tolerance · max(1, max |x|)), and accumulates the cross-products of all
/// columns while the block is in cache, so a solve by the normal equations needs no further pass over the data.
/// The arithmetic per row is that of one <see cref="AlternatingProjections.Demean"/> sweep. Rows are split into a fixed
/// number of chunks of whole runs whose partial sums are added in chunk order, so the result does not depend on the
/// number of cores. A balanced panel converges in this sweep; a column that does not is reported as such and the caller
/// continues it with the general algorithm.
/// </summary>
public static class ContiguousTwoWayDemeaning
{
    private const int Chunks = 16;

    /// <summary>Rows per cache block in pass 2 (whole runs; ≈ 2,048 rows × the columns stay in L2).</summary>
    private const int BlockRows = 2048;

    /// <summary>Per column: the demeaned values and the sweep's outcome; the cross-products of all demeaned columns
    /// (row-major, columns × columns) when every column converged, else null.</summary>
    public sealed record Result(double[][] Columns, DemeanOutcome[] Outcomes, double[]? CrossProducts);

    /// <summary>Row index where each run starts (plus n at the end), or null when some level occurs in more than one run.</summary>
    public static int[]? RunStarts(int[] codes, int levels)
    {
        var n = codes.Length;
        var starts = new List<int>(levels + 1);
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || codes[i] != codes[i - 1])
            {
                if (starts.Count == levels)
                {
                    return null;
                }
                starts.Add(i);
            }
        }
        if (starts.Count != levels)
        {
            return null;
        }
        starts.Add(n);
        return [.. starts];
    }

    /// <param name="columns">Columns to demean (not modified).</param>
    /// <param name="runStarts">From <see cref="RunStarts"/> for <paramref name="runCodes"/>.</param>
    /// <param name="runCodes">Codes of the run dimension.</param>
    /// <param name="runInverse">1 / rows per level of the run dimension.</param>
    /// <param name="otherCodes">Codes of the other dimension.</param>
    /// <param name="otherInverse">1 / rows per level of the other dimension.</param>
    /// <param name="tolerance">As <see cref="AlternatingProjections.Demean"/>.</param>
    public static Result Demean(double[][] columns, int[] runStarts, int[] runCodes, double[] runInverse, int[] otherCodes, double[] otherInverse,
        double tolerance)
    {
        var q = columns.Length;
        var runs = runStarts.Length - 1;
        var otherLevels = otherInverse.Length;
        var chunkRuns = new int[Chunks + 1];
        for (var c = 0; c <= Chunks; c++)
        {
            chunkRuns[c] = (int)((long)runs * c / Chunks);
        }
        var runMeans = new double[q][];
        for (var j = 0; j < q; j++)
        {
            runMeans[j] = GC.AllocateUninitializedArray<double>(runInverse.Length);
        }
        var otherSums = new double[Chunks][];
        var maxAbs = new double[Chunks * q];
        var sourceSquares = new double[Chunks * q];
        var parallel = RowParallelism.For(runStarts[^1]);
        Parallel.For(0, Chunks, parallel, c =>
        {
            var sums = new double[q * otherLevels];
            for (var j = 0; j < q; j++)
            {
                var (max, squares) = RemoveRunMeans(columns[j], runStarts, chunkRuns[c], chunkRuns[c + 1], runCodes, runInverse, otherCodes,
                    runMeans[j], sums.AsSpan(j * otherLevels, otherLevels));
                maxAbs[c * q + j] = max;
                sourceSquares[c * q + j] = squares;
            }
            otherSums[c] = sums;
        });
        var otherMeans = new double[q * otherLevels];
        foreach (var sums in otherSums)
        {
            for (var k = 0; k < sums.Length; k++)
            {
                otherMeans[k] += sums[k];
            }
        }
        for (var j = 0; j < q; j++)
        {
            for (var l = 0; l < otherLevels; l++)
            {
                otherMeans[j * otherLevels + l] *= otherInverse[l];
            }
        }

        var result = new double[q][];
        for (var j = 0; j < q; j++)
        {
            result[j] = LargeArrays.Uninitialized(columns[j].Length);
        }
        var crossProducts = new double[Chunks][];
        var resultSquares = new double[Chunks * q];
        var largestRunMean = new double[Chunks * q];
        Parallel.For(0, Chunks, parallel, c =>
        {
            var gram = new double[q * q];
            var firstRun = chunkRuns[c];
            while (firstRun < chunkRuns[c + 1])
            {
                // A block of whole runs of about BlockRows rows (at least one run).
                var lastRun = firstRun + 1;
                while (lastRun < chunkRuns[c + 1] && runStarts[lastRun + 1] - runStarts[firstRun] <= BlockRows)
                {
                    lastRun++;
                }
                for (var j = 0; j < q; j++)
                {
                    var (squares, largest) = RemoveOtherMeans(columns[j], result[j], runStarts, firstRun, lastRun, runCodes, runInverse, otherCodes,
                        runMeans[j], otherMeans.AsSpan(j * otherLevels, otherLevels));
                    resultSquares[c * q + j] += squares;
                    largestRunMean[c * q + j] = Math.Max(largestRunMean[c * q + j], largest);
                }
                AddCrossProducts(result, runStarts[firstRun], runStarts[lastRun], gram);
                firstRun = lastRun;
            }
            crossProducts[c] = gram;
        });

        var outcomes = new DemeanOutcome[q];
        var allConverged = true;
        for (var j = 0; j < q; j++)
        {
            double max = 0, source = 0, squares = 0, largest = 0;
            for (var c = 0; c < Chunks; c++)
            {
                max = Math.Max(max, maxAbs[c * q + j]);
                source += sourceSquares[c * q + j];
                squares += resultSquares[c * q + j];
                largest = Math.Max(largest, largestRunMean[c * q + j]);
            }
            var converged = largest <= tolerance * Math.Max(1.0, max);
            allConverged &= converged;
            outcomes[j] = new DemeanOutcome(1, converged, source, squares);
        }
        double[]? total = null;
        if (allConverged)
        {
            total = new double[q * q];
            foreach (var gram in crossProducts)
            {
                for (var k = 0; k < gram.Length; k++)
                {
                    total[k] += gram[k];
                }
            }
            for (var a = 0; a < q; a++)
            {
                for (var b = a + 1; b < q; b++)
                {
                    total[a * q + b] = total[b * q + a];
                }
            }
        }
        return new Result(result, outcomes, total);
    }

    /// <summary>Pass 1 over runs [first, last) of one column: run means, and Σ (x − run mean) per other level; returns max |x| and Σ x².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Max, double Squares) RemoveRunMeans(double[] x, int[] runStarts, int first, int last, int[] runCodes, double[] runInverse,
        int[] otherCodes, double[] runMeans, Span<double> otherSums)
    {
        double max = 0, squares = 0;
        for (var r = first; r < last; r++)
        {
            var from = runStarts[r];
            var to = runStarts[r + 1];
            var level = runCodes[from];
            var sum = 0.0;
            for (var i = from; i < to; i++)
            {
                var v = x[i];
                sum += v;
                squares += v * v;
                max = Math.Max(max, Math.Abs(v));
            }
            var mean = sum * runInverse[level];
            runMeans[level] = mean;
            for (var i = from; i < to; i++)
            {
                otherSums[otherCodes[i]] += x[i] - mean;
            }
        }
        return (max, squares);
    }

    /// <summary>Pass 2 over runs [first, last) of one column: v = x − run mean − other mean; returns Σ v² and the largest |run mean of v|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Squares, double LargestRunMean) RemoveOtherMeans(double[] x, double[] v, int[] runStarts, int first, int last, int[] runCodes,
        double[] runInverse, int[] otherCodes, double[] runMeans, ReadOnlySpan<double> otherMeans)
    {
        double squares = 0, largest = 0;
        for (var r = first; r < last; r++)
        {
            var from = runStarts[r];
            var to = runStarts[r + 1];
            var level = runCodes[from];
            var mean = runMeans[level];
            var sum = 0.0;
            for (var i = from; i < to; i++)
            {
                var value = x[i] - mean - otherMeans[otherCodes[i]];
                v[i] = value;
                sum += value;
                squares += value * value;
            }
            largest = Math.Max(largest, Math.Abs(sum * runInverse[level]));
        }
        return (squares, largest);
    }

    /// <summary>Lower triangle of Σ v vᵀ over rows [from, to) added to <paramref name="gram"/> (row-major q × q).</summary>
    private static void AddCrossProducts(double[][] v, int from, int to, double[] gram)
    {
        var q = v.Length;
        for (var a = 0; a < q; a++)
        {
            var va = v[a].AsSpan(from, to - from);
            for (var b = 0; b <= a; b++)
            {
                gram[a * q + b] += VectorOps.Dot(va, v[b].AsSpan(from, to - from));
            }
        }
    }
}
