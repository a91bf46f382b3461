using MathNet.Numerics.Distributions;

namespace Trial.Analysis.HypothesisTests;

/// <summary>χ² test of independence equal to R <c>chisq.test(table, correct = ...)</c>.</summary>
public static class ChiSquareTest
{
    /// <summary>Tests independence of rows and columns of a table of counts, [row][column].</summary>
    public static ChiSquareResult Independence(IReadOnlyList<IReadOnlyList<double>> table, ContinuityCorrection correction)
    {
        ContingencyTable.Validate(table, 2);
        var rows = table.Count;
        var cols = table[0].Count;
        var rowSums = table.Select(r => r.Sum()).ToArray();
        var colSums = Enumerable.Range(0, cols).Select(c => table.Sum(r => r[c])).ToArray();
        var n = rowSums.Sum();
        if (rowSums.Any(s => s == 0) || colSums.Any(s => s == 0))
        {
            throw new ArgumentException("A row or column of the table sums to zero; the χ² statistic is undefined.", nameof(table));
        }
        var expected = rowSums.Select(rs => colSums.Select(cs => rs * cs / n).ToArray()).ToArray();
        var yates = correction == ContinuityCorrection.Yates && rows == 2 && cols == 2;
        var statistic = 0.0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var deviation = Math.Abs(table[r][c] - expected[r][c]);
                if (yates) { deviation -= Math.Min(0.5, deviation); }
                statistic += deviation * deviation / expected[r][c];
            }
        }
        var df = (rows - 1) * (cols - 1);
        var p = 1 - ChiSquared.CDF(df, statistic);
        return new ChiSquareResult(statistic, df, p, expected, yates, expected.Any(r => r.Any(e => e < 5)), n);
    }
}
