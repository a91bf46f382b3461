using System.Globalization;
using System.Text;

namespace Trial.Enrollment.Features.Export;

/// <summary>Writes one RFC 4180 file (comma, '"' quoting, \n, UTF-8 without BOM) and reports its row count.</summary>
internal static class CsvFile
{
    public static async Task<int> WriteAsync(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder();
        builder.Append(string.Join(',', header.Select(Quote))).Append('\n');
        var count = 0;
        foreach (var row in rows)
        {
            builder.Append(string.Join(',', row.Select(Cell))).Append('\n');
            count++;
        }
        await File.WriteAllTextAsync(path, builder.ToString(), new UTF8Encoding(false), cancellationToken);
        return count;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
