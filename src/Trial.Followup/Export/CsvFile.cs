using System.Globalization;
using System.Text;

namespace Trial.Followup.Export;

/// <summary>
/// Writes one data-package CSV (protocol/data-package.md): RFC 4180 quoting, comma, "\n" line ends, UTF-8 without BOM,
/// invariant culture, booleans as true/false. Enrollment's export writes its files with it too, so the package has one dialect.
/// </summary>
public static class CsvFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>The number of data rows written (the header excluded).</returns>
    public static async Task<int> WriteAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        Line(text, header);
        var count = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException($"{Path.GetFileName(path)}: a row has {row.Count} cells, the header {header.Count}.");
            }
            Line(text, row);
            count++;
        }
        await File.WriteAllTextAsync(path, text.ToString(), Utf8NoBom, cancellationToken);
        return count;
    }

    private static void Line(StringBuilder text, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = Format(cells[i]);
            text.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }
        text.Append('\n');
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
