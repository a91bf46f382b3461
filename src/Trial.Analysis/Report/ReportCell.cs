using System.Globalization;

namespace Trial.Analysis.Report;

/// <summary>
/// One table cell: the text shown in the PDF (locale-formatted) and the machine values written to the CSV
/// (invariant culture, full precision). An interval shows as one cell and writes two CSV values.
/// </summary>
/// <param name="Parts">Names of the machine values of a packed cell (e.g. mean, sd), used by the tidy CSV.</param>
public sealed record ReportCell(string Display, IReadOnlyList<string> Csv, bool Emphasis = false, IReadOnlyList<string>? Parts = null)
{
    public static ReportCell Text(string text) => new(text, [text]);

    public static ReportCell Empty { get; } = new("", [""]);

    public static ReportCell Number(double value, int decimals, ReportLocale l) => new(l.Number(value, decimals), [Raw(value)]);

    public static ReportCell Count(int value, ReportLocale l) => new(l.Number(value, 0), [value.ToString(CultureInfo.InvariantCulture)]);

    public static ReportCell P(double p, ReportLocale l) => new(l.PValue(p), [Raw(p)], p < 0.05);

    /// <summary>An estimate with significance stars as in seed 001 (* p&lt;0.1, ** p&lt;0.05, *** p&lt;0.01).</summary>
    public static ReportCell Estimate(double value, double p, int decimals, ReportLocale l) =>
        new(l.Number(value, decimals) + Stars(p), [Raw(value)]);

    public static ReportCell Interval(double lower, double upper, int decimals, ReportLocale l) =>
        new($"{l.Number(lower, decimals)}; {l.Number(upper, decimals)}", [Raw(lower), Raw(upper)], Parts: ["lower", "upper"]);

    public static string Stars(double p) => double.IsNaN(p) ? "" : p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";

    public static string Raw(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
}
