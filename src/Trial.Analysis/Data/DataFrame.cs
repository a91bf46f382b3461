using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>An immutable set of equally long named columns, as read from a CSV file or built in code.</summary>
public sealed class DataFrame
{
    private readonly Dictionary<string, DataColumn> _byName;

    public DataFrame(IEnumerable<DataColumn> columns)
    {
        Columns = columns.ToArray();
        _byName = new Dictionary<string, DataColumn>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            if (!_byName.TryAdd(column.Name, column))
            {
                throw new ModelInputException($"data: column '{column.Name}' appears twice");
            }
        }
        RowCount = Columns.Count == 0 ? 0 : Columns[0].Count;
        var uneven = Columns.FirstOrDefault(c => c.Count != RowCount);
        if (uneven is not null)
        {
            throw new ModelInputException($"data: column '{uneven.Name}' has {uneven.Count} rows, expected {RowCount}");
        }
    }

    public IReadOnlyList<DataColumn> Columns { get; }

    public int RowCount { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The column called <paramref name="name"/>; a <see cref="ModelInputException"/> names it and lists the columns if absent.</summary>
    public DataColumn this[string name] => _byName.TryGetValue(name, out var column)
        ? column
        : throw new ModelInputException($"data: unknown column '{name}'; the data has {string.Join(", ", Columns.Select(c => c.Name))}");

    /// <summary>The column as numbers: a numeric column, or a file-read grouping column whose levels are all numbers.</summary>
    public NumericColumn Numeric(string name) => this[name] switch
    {
        NumericColumn numeric => numeric,
        TextColumn { NumericValues: { } numbers } => new NumericColumn(name, numbers),
        _ => throw new ModelInputException($"data: column '{name}' must be numeric but holds text"),
    };

    /// <summary>Builds a frame from numeric arrays (convenience for code and tests).</summary>
    public static DataFrame FromNumeric(params (string Name, double[] Values)[] columns) =>
        new(columns.Select(c => (DataColumn)new NumericColumn(c.Name, c.Values)));

    /// <summary>A new frame with the given column added or replaced.</summary>
    public DataFrame With(DataColumn column) =>
        new(Columns.Where(c => !string.Equals(c.Name, column.Name, StringComparison.Ordinal)).Append(column));
}
