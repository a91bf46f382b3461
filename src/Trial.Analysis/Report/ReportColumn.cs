namespace Trial.Analysis.Report;

/// <summary>A table column: its printed header and its CSV header(s) (two for an interval).</summary>
public sealed record ReportColumn(string Header, IReadOnlyList<string> CsvHeaders, bool RightAligned = true)
{
    public static ReportColumn Label(string header, string csv) => new(header, [csv], false);

    public static ReportColumn Value(string header, string csv) => new(header, [csv]);

    public static ReportColumn Interval(string header, string csvPrefix) => new(header, [csvPrefix + "_lower", csvPrefix + "_upper"]);
}
