using System.Globalization;

namespace Trial.Analysis.Report;

/// <summary>The language and number style of a report: nb-NO uses decimal commas and space-grouped thousands.</summary>
public sealed record ReportLocale(string Code, CultureInfo Culture)
{
    public static ReportLocale English { get; } = new("en", CultureInfo.GetCultureInfo("en-GB"));

    public static ReportLocale Norwegian { get; } = new("nb-NO", CultureInfo.GetCultureInfo("nb-NO"));

    public bool IsNorwegian => Code == "nb-NO";

    public static ReportLocale? Find(string code) => code switch
    {
        "en" => English,
        "nb-NO" => Norwegian,
        _ => null,
    };

    /// <summary>A number with fixed decimals; NaN prints as an en dash. Negative numbers use a true minus sign.</summary>
    public string Number(double value, int decimals)
    {
        if (double.IsNaN(value))
        {
            return "–";
        }
        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }
        var text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);
        text = text.Replace('\u00A0', ' ').Replace('\u202F', ' ');
        return text.StartsWith('-') ? "−" + text[1..] : text;
    }

    /// <summary>A p-value as statisticians print it: 3 decimals, "&lt;0.001" below.</summary>
    public string PValue(double p) =>
        double.IsNaN(p) ? "–" : p < 0.001 ? "<" + Number(0.001, 3) : Number(p, 3);

    /// <summary>Picks the English or Norwegian text.</summary>
    public string Text(string english, string norwegian) => IsNorwegian ? norwegian : english;
}
