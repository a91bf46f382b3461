using System.Runtime.CompilerServices;
namespace Trial.Analysis.Numerics;

/// <summary>
/// R factor of a tall matrix given as columns, by blocked Householder QR (TSQR): each chunk of rows is triangularised
/// with the running R stacked on top; chunk results are combined in a fixed order, so the result does not depend on
/// the number of cores. Memory is O(block × p), never O(n × p) beyond the input.
/// </summary>
public static class TallSkinnyQr
{
    private const int BlockRows = 2048;
    private const int Chunks = 8;

    /// <summary>p×p upper-triangular R (column-major) of the n×p matrix whose columns are <paramref name="columns"/>,
    /// each row scaled by <paramref name="rowScale"/> (√weights) when given.</summary>
    /// <param name="responses">
    /// How many of the last columns are responses (outcomes that share the regressors before them). Each is reduced on
    /// its own, as if it were the only column after the regressors, so R is (p − responses + 1) rows by p columns and
    /// its column of response r, under the regressors' R, is exactly what factoring [regressors, response r] alone gives.
    /// With one response that is the whole R of all p columns.
    /// </param>
    public static double[] Factor(double[][] columns, double[]? rowScale, int responses = 1)
    {
        var p = columns.Length;
        var h = p - responses + 1;
        var n = p == 0 ? 0 : columns[0].Length;
        var chunkSize = (n + Chunks - 1) / Chunks;
        var partial = new double[Chunks][];
        void FactorChunk(int c)
        {
            var from = c * chunkSize;
            var to = Math.Min(n, from + chunkSize);
            partial[c] = FactorRange(columns, rowScale, from, to, h, responses);
        }
        // Small models (the imputation step fits thousands) factor the chunks in turn on the calling thread.
        if (n < RowParallelism.ParallelRows)
        {
            for (var c = 0; c < Chunks; c++)
            {
                FactorChunk(c);
            }
        }
        else
        {
            Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, FactorChunk);
        }
        var r = new double[h * p];
        foreach (var part in partial)
        {
            r = Stack(r, part, h, p, responses);
        }
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>The h×p R (column-major, leading dimension h) of rows [from, to).</summary>
    private static double[] FactorRange(double[][] columns, double[]? rowScale, int from, int to, int h, int responses)
    {
        var p = columns.Length;
        var r = new double[h * p];
        // Sized for the rows this range really has (a block's leading dimension is h + its rows either way).
        var block = new double[(h + Math.Min(BlockRows, Math.Max(to - from, 0))) * p];
        for (var start = from; start < to; start += BlockRows)
        {
            var rows = Math.Min(BlockRows, to - start);
            var height = h + rows;
            for (var j = 0; j < p; j++)
            {
                var cj = j * height;
                for (var i = 0; i < h; i++)
                {
                    block[cj + i] = r[j * h + i];
                }
                var col = columns[j];
                for (var i = 0; i < rows; i++)
                {
                    var v = col[start + i];
                    block[cj + h + i] = rowScale is null ? v : v * rowScale[start + i];
                }
            }
            Householder.Triangularize(block, height, p, responses);
            for (var j = 0; j < p; j++)
            {
                for (var i = 0; i < h; i++)
                {
                    r[j * h + i] = i <= j ? block[j * height + i] : 0;
                }
            }
        }
        return r;
    }

    private static double[] Stack(double[] upper, double[] lower, int h, int p, int responses)
    {
        var height = 2 * h;
        var block = new double[height * p];
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i < h; i++)
            {
                block[j * height + i] = upper[j * h + i];
                block[j * height + h + i] = lower[j * h + i];
            }
        }
        Householder.Triangularize(block, height, p, responses);
        var r = new double[h * p];
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i < h && i <= j; i++)
            {
                r[j * h + i] = block[j * height + i];
            }
        }
        return r;
    }
}
