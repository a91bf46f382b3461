using System.Globalization;
using System.Text;
using Trial.Protocol.Hashing;

namespace Trial.Protocol.Package;

/// <summary>
/// Writes one data-package CSV (protocol/data-package.md): RFC 4180 quoting, comma, "\n" line ends, UTF-8 without BOM,
/// invariant culture, booleans as true/false. Every writer of a package (Enrollment, Follow-up, the simulator) uses it,
/// so the package has one dialect; it returns the manifest entry (rows and SHA-256 of the bytes written).
/// </summary>
public static class PackageCsvWriter
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ManifestFile> WriteAsync(string folder, string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        var (bytes, count) = Format(name, header, rows);
        await File.WriteAllBytesAsync(Path.Combine(folder, name), bytes, cancellationToken);
        return new ManifestFile(name, count, FileSha256.Of(bytes));
    }

    /// <returns>The file's bytes and the number of data rows (the header excluded).</returns>
    public static (byte[] Bytes, int Rows) Format(string name, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var text = new StringBuilder();
        Line(text, header);
        var count = 0;
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException($"{name}: a row has {row.Count} cells, the header {header.Count}.");
            }
            Line(text, row);
            count++;
        }
        return (Utf8NoBom.GetBytes(text.ToString()), count);
    }

    private static void Line(StringBuilder text, IReadOnlyList<object?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            var cell = Cell(cells[i]);
            text.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell);
        }
        text.Append('\n');
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
