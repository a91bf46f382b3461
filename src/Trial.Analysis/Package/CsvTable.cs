using System.Text;

namespace Trial.Analysis.Package;

/// <summary>A CSV file to be written in the data-package conventions (RFC 4180, comma, \n, UTF-8 without BOM).</summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        AppendRow(text, Header);
        foreach (var row in Rows)
        {
            AppendRow(text, row);
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = cells[i];
            if (cell.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                text.Append(cell);
            }
        }
        text.Append('\n');
    }
}
