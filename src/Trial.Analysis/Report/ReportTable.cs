using System.Text;

namespace Trial.Analysis.Report;

/// <summary>A planned table: printed in the PDF, written as &lt;Id&gt;.csv, and listed in results.json.</summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>RFC 4180 CSV with invariant numbers, so it can be pasted into R or Stata.</summary>
    public byte[] ToCsv()
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Columns.SelectMany(c => c.CsvHeaders).Select(Quote))).Append('\n');
        foreach (var row in Rows)
        {
            text.Append(string.Join(',', row.SelectMany(c => c.Csv).Select(Quote))).Append('\n');
        }
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
