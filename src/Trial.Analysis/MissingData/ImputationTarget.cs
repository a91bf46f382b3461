namespace Trial.Analysis.MissingData;

/// <summary>
/// One incomplete column of a chained imputation and what does not change between its fits: the observed and missing
/// rows, the observed values, the other columns that predict it, and the design columns of its regression on the
/// observed rows (x[0] the intercept's 1s; x[k + 1] predictor k, refilled before each fit because the imputed values move).
/// </summary>
internal sealed class ImputationTarget
{
    public ImputationTarget(IReadOnlyList<double[]> columns, int column)
    {
        Column = column;
        var original = columns[column];
        Rows = [.. Enumerable.Range(0, original.Length).Where(i => !double.IsNaN(original[i]))];
        Missing = [.. Enumerable.Range(0, original.Length).Where(i => double.IsNaN(original[i]))];
        Observed = [.. Rows.Select(i => original[i])];
        Predictors = [.. Enumerable.Range(0, columns.Count).Where(k => k != column)];
        Design = new double[Predictors.Length + 1][];
        Design[0] = Enumerable.Repeat(1.0, Rows.Length).ToArray();
        for (var k = 1; k < Design.Length; k++)
        {
            Design[k] = new double[Rows.Length];
        }
    }

    /// <summary>The column's index among the imputation's variables.</summary>
    public int Column { get; }

    /// <summary>Rows where the column was observed, in order.</summary>
    public int[] Rows { get; }

    /// <summary>Rows where it is missing (imputed), in order.</summary>
    public int[] Missing { get; }

    /// <summary>The observed values, one per <see cref="Rows"/> entry: the regression's y and the donors' values.</summary>
    public double[] Observed { get; }

    /// <summary>Every other column, in order: the predictors.</summary>
    public int[] Predictors { get; }

    /// <summary>The regression's design on the observed rows; reused by every fit of this column in one imputation run.</summary>
    public double[][] Design { get; }
}
