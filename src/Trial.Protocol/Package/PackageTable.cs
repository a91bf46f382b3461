namespace Trial.Protocol.Package;

/// <summary>A CSV file of the package as text cells, with the 1-based line each row starts on (for error messages).</summary>
public sealed record PackageTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, IReadOnlyList<int> Lines)
{
    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == column)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The column's cells in row order; empty when the file has no such column.</summary>
    public IEnumerable<string> Cells(string column)
    {
        var i = ColumnIndex(column);
        return i < 0 ? [] : Rows.Select(r => r[i]);
    }
}
