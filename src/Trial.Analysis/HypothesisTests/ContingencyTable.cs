namespace Trial.Analysis.HypothesisTests;

/// <summary>Input checks shared by the table tests.</summary>
internal static class ContingencyTable
{
    public static void Validate(IReadOnlyList<IReadOnlyList<double>> table, int minimumSize)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Count < minimumSize || table[0].Count < minimumSize)
        {
            throw new ArgumentException($"The table must be at least {minimumSize}×{minimumSize}; it is {table.Count}×{(table.Count == 0 ? 0 : table[0].Count)}.", nameof(table));
        }
        if (table.Any(r => r.Count != table[0].Count)) { throw new ArgumentException("Every row of the table must have the same number of columns.", nameof(table)); }
        if (table.Any(r => r.Any(v => !(v >= 0) || double.IsInfinity(v)))) { throw new ArgumentException("Every cell must be a finite count ≥ 0.", nameof(table)); }
    }
}
