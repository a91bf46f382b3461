namespace Trial.Analysis.Report;

/// <summary>
/// A planned table: printed in the PDF (columns and rows), written as the tidy &lt;Id&gt;.csv (<see cref="Tidy"/>
/// when the analysis gives estimate rows, else taken apart cell by cell), and listed in results.json.
/// </summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<ReportCell>> Rows,
    IReadOnlyList<string> Notes, IReadOnlyList<TidyRecord>? Tidy = null)
{
    /// <summary>The tidy rows written to the CSV.</summary>
    public IReadOnlyList<TidyRecord> TidyRows => Tidy ?? TidyCsv.FromCells(this);

    /// <summary>RFC 4180 CSV in the one tidy layout of <see cref="TidyCsv"/>.</summary>
    public byte[] ToCsv() => TidyCsv.Write(TidyRows);

    /// <summary>The same table with the analysis population filled into rows that do not name one.</summary>
    public ReportTable WithPopulation(string population) =>
        this with { Tidy = [.. TidyRows.Select(r => r.Population.Length == 0 ? r with { Population = population } : r)] };
}
