using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Designs;

/// <summary>
/// The numeric model: X (one array per column, R's column names and order), y, optional weights, absorbed fixed
/// effects and clusters as coded indices, the source rows used and what was dropped. Built by <see cref="Build"/>.
/// Arrays are owned by the design; do not modify them.
/// </summary>
public sealed class Design
{
    internal Design(ModelSpec spec, string outcome, IReadOnlyList<string> columnNames, double[][] x, double[] y, double[]? weights,
        bool hasIntercept, IReadOnlyList<FactorIndex> fixedEffects, IReadOnlyList<FactorIndex> clusters, int[] sourceRows,
        RowAccounting rows, IReadOnlyList<DroppedColumn> droppedColumns)
    {
        Spec = spec;
        OutcomeName = outcome;
        ColumnNames = columnNames;
        X = x;
        Y = y;
        Weights = weights;
        HasIntercept = hasIntercept;
        FixedEffects = fixedEffects;
        Clusters = clusters;
        SourceRows = sourceRows;
        Rows = rows;
        DroppedColumns = droppedColumns;
    }

    /// <summary>Builds the design of <paramref name="spec"/> on <paramref name="data"/>.</summary>
    public static Design Build(ModelSpec spec, DataFrame data) => DesignBuilder.Build(spec, data);

    public ModelSpec Spec { get; }

    public string OutcomeName { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Columns of X, each of length <see cref="RowCount"/>.</summary>
    public double[][] X { get; }

    public double[] Y { get; }

    public double[]? Weights { get; }

    /// <summary>Whether X contains the (Intercept) column (never with absorbed fixed effects).</summary>
    public bool HasIntercept { get; }

    public IReadOnlyList<FactorIndex> FixedEffects { get; }

    public IReadOnlyList<FactorIndex> Clusters { get; }

    /// <summary>For each design row, its row index in the source data (for building random-effect or event-time columns).</summary>
    public int[] SourceRows { get; }

    public RowAccounting Rows { get; }

    /// <summary>Columns removed while building (e.g. an empty factor level); collinear ones are reported by the fit.</summary>
    public IReadOnlyList<DroppedColumn> DroppedColumns { get; }

    /// <summary>The same rows and columns with other clusters (coded over <see cref="SourceRows"/>) and the spec that names them.</summary>
    internal Design WithClusters(ModelSpec spec, IReadOnlyList<FactorIndex> clusters) =>
        new(spec, OutcomeName, ColumnNames, X, Y, Weights, HasIntercept, FixedEffects, clusters, SourceRows, Rows, DroppedColumns);

    /// <summary>The same rows and columns with another outcome (one value per design row).</summary>
    internal Design WithOutcome(double[] y) =>
        new(Spec, OutcomeName, ColumnNames, X, y, Weights, HasIntercept, FixedEffects, Clusters, SourceRows, Rows, DroppedColumns);

    public int RowCount => Y.Length;

    public int ColumnCount => X.Length;
}
