using System.Globalization;
using System.Text;

namespace Trial.Analysis.Report;

/// <summary>
/// The one CSV layout every table is written in: rectangular, one row per estimate or statistic, the same declared
/// columns in every file, numbers in invariant culture with an ASCII minus, NA as an empty cell. R reads it with
/// <c>read.csv(f, colClasses = TidyCsv.RClasses)</c>, Stata with <c>import delimited</c>. The presentation (intervals
/// in one cell, stars, mean (SD)) stays in the PDF.
/// </summary>
public static class TidyCsv
{
    /// <summary>Column names, in order, and whether the column is numeric.</summary>
    public static IReadOnlyList<(string Name, bool Numeric)> Columns { get; } =
    [
        ("table", false), ("outcome", false), ("population", false), ("group", false), ("term", false), ("statistic", false),
        ("estimate", true), ("std_error", true), ("df", true), ("p_value", true), ("conf_low", true), ("conf_high", true),
        ("n", true), ("vcov", false), ("text", false),
    ];

    public static byte[] Write(IEnumerable<TidyRecord> records)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns.Select(c => c.Name))).Append('\n');
        foreach (var r in records)
        {
            string[] fields =
            [
                Label(r.Table), Label(r.Outcome), Label(r.Population), Label(r.Group), Label(r.Term), Label(r.Statistic),
                Number(r.Estimate), Number(r.StdError), Number(r.Df), Number(r.PValue), Number(r.ConfLow), Number(r.ConfHigh),
                Number(r.N), Label(r.Vcov), Label(r.Text),
            ];
            text.Append(string.Join(',', fields.Select(Quote))).Append('\n');
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>
    /// A table without its own tidy rows, taken apart cell by cell: one record per machine value, named by its
    /// column (and the part of a packed cell such as mean and SD); the row's first cell is the outcome.
    /// </summary>
    public static IReadOnlyList<TidyRecord> FromCells(ReportTable table)
    {
        var records = new List<TidyRecord>();
        foreach (var row in table.Rows)
        {
            var outcome = row.Count > 0 ? (table.Columns[0].RightAligned ? row[0].Csv.FirstOrDefault() ?? "" : row[0].Display.Trim()) : "";
            for (var j = 1; j < row.Count && j < table.Columns.Count; j++)
            {
                var column = table.Columns[j];
                var cell = row[j];
                var names = Names(column, cell);
                for (var k = 0; k < cell.Csv.Count; k++)
                {
                    var value = cell.Csv[k];
                    if (value.Length == 0)
                    {
                        continue;
                    }
                    var numeric = TryNumber(value, out var v);
                    records.Add(new TidyRecord(table.Id, outcome, "", "", "", names[k], numeric ? v : double.NaN, Text: numeric ? "" : value));
                }
            }
        }
        return records;
    }

    private static IReadOnlyList<string> Names(ReportColumn column, ReportCell cell)
    {
        if (cell.Csv.Count == column.CsvHeaders.Count)
        {
            return column.CsvHeaders;
        }
        if (cell.Parts is { } parts && parts.Count == cell.Csv.Count)
        {
            var stem = column.CsvHeaders[0];
            return [.. parts.Select(p => p.Length == 0 ? stem : $"{stem}_{p}")];
        }
        return [.. cell.Csv.Select((_, k) => k == 0 ? column.CsvHeaders[0] : $"{column.CsvHeaders[0]}_{k + 1}")];
    }

    /// <summary>"Inf"/"-Inf" are numbers in R; a Unicode minus or a leading plus is not, so labels are normalised too.</summary>
    private static bool TryNumber(string text, out double value)
    {
        var t = Ascii(text);
        if (t is "Inf" or "-Inf")
        {
            value = t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string Number(double v) =>
        double.IsNaN(v) ? "" : double.IsPositiveInfinity(v) ? "Inf" : double.IsNegativeInfinity(v) ? "-Inf" : v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A label that is a signed number ("+1", "−24") is written as R would print the number.</summary>
    private static string Label(string s)
    {
        var t = Ascii(s).Trim();
        return t.Length > 1 && t[0] == '+' && double.TryParse(t[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? t[1..] : t;
    }

    /// <summary>U+2212 (typographic minus) becomes '-', so "−24" is the number −24 in R and Stata.</summary>
    public static string Ascii(string s) => s.Replace('\u2212', '-');

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
