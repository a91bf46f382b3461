using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// How a data file is turned into columns. By default every column is read and its type inferred: a column whose first
/// non-missing cell is a number is numeric (later text cells are strays, see <see cref="StrayText"/>), otherwise text.
/// Columns named in <see cref="GroupingColumns"/> are kept as their exact text (interned once per distinct value) even when
/// they look numeric, so IDs such as <c>1.1</c> and <c>1.10</c> stay two groups.
/// </summary>
public sealed record CsvReadOptions
{
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Every column as exact text (no numeric parsing), e.g. for data-package files whose cells are re-parsed by type.</summary>
    public static CsvReadOptions AllText { get; } = new() { EveryColumnAsText = true };

    /// <summary>Only these columns are kept (others are skipped without parsing); null keeps all.</summary>
    public IReadOnlySet<string>? Columns { get; init; }

    /// <summary>Columns used as cluster, absorbed fixed effect, factor or random-effect grouping: grouped by their exact text.</summary>
    public IReadOnlySet<string> GroupingColumns { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool EveryColumnAsText { get; init; }

    public StrayTextPolicy StrayText { get; init; } = StrayTextPolicy.Refuse;

    /// <summary>Reads only the model's columns, grouping columns as exact text.</summary>
    public static CsvReadOptions ForModel(ModelSpec spec, StrayTextPolicy strayText) => new()
    {
        Columns = spec.Columns.ToHashSet(StringComparer.Ordinal),
        GroupingColumns = spec.GroupingColumns.ToHashSet(StringComparer.Ordinal),
        StrayText = strayText,
    };

    internal bool Keeps(string column) => Columns is null || Columns.Contains(column);

    internal bool IsText(string column) => EveryColumnAsText || GroupingColumns.Contains(column);
}
