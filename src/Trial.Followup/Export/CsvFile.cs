using System.Text;

namespace Trial.Followup.Export;

/// <summary>Writes one data-package CSV: RFC 4180 quoting, comma, "\n" line ends, UTF-8 without BOM.</summary>
internal static class CsvFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task WriteAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        Line(text, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException($"{Path.GetFileName(path)}: a row has {row.Count} cells, the header {header.Count}.");
            }
            Line(text, row);
        }
        await File.WriteAllTextAsync(path, text.ToString(), Utf8NoBom, cancellationToken);
    }

    private static void Line(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = cells[i] ?? "";
            text.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }
        text.Append('\n');
    }
}
