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
    public static double[] Factor(double[][] columns, double[]? rowScale)
    {
        var p = columns.Length;
        var n = p == 0 ? 0 : columns[0].Length;
        var chunkSize = (n + Chunks - 1) / Chunks;
        var partial = new double[Chunks][];
        void FactorChunk(int c)
        {
            var from = c * chunkSize;
            var to = Math.Min(n, from + chunkSize);
            partial[c] = FactorRange(columns, rowScale, from, to);
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
        var r = new double[p * p];
        foreach (var part in partial)
        {
            r = Stack(r, part, p);
        }
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double[] FactorRange(double[][] columns, double[]? rowScale, int from, int to)
    {
        var p = columns.Length;
        var r = new double[p * p];
        // Sized for the rows this range really has (a block's leading dimension is p + its rows either way).
        var block = new double[(p + Math.Min(BlockRows, Math.Max(to - from, 0))) * p];
        for (var start = from; start < to; start += BlockRows)
        {
            var rows = Math.Min(BlockRows, to - start);
            var height = p + rows;
            for (var j = 0; j < p; j++)
            {
                var cj = j * height;
                for (var i = 0; i < p; i++)
                {
                    block[cj + i] = r[j * p + i];
                }
                var col = columns[j];
                for (var i = 0; i < rows; i++)
                {
                    var v = col[start + i];
                    block[cj + p + i] = rowScale is null ? v : v * rowScale[start + i];
                }
            }
            Householder.Triangularize(block, height, p);
            for (var j = 0; j < p; j++)
            {
                for (var i = 0; i < p; i++)
                {
                    r[j * p + i] = i <= j ? block[j * height + i] : 0;
                }
            }
        }
        return r;
    }

    private static double[] Stack(double[] upper, double[] lower, int p)
    {
        var height = 2 * p;
        var block = new double[height * p];
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i < p; i++)
            {
                block[j * height + i] = upper[j * p + i];
                block[j * height + p + i] = lower[j * p + i];
            }
        }
        Householder.Triangularize(block, height, p);
        var r = new double[p * p];
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i <= j; i++)
            {
                r[j * p + i] = block[j * height + i];
            }
        }
        return r;
    }
}
