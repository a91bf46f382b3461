using System.Globalization;

namespace Trial.Analysis.Report;

/// <summary>The language and number style of a report: nb-NO uses decimal commas and space-grouped thousands.</summary>
public sealed record ReportLocale(string Code, CultureInfo Culture)
{
    public static ReportLocale English { get; } = new("en", CultureInfo.GetCultureInfo("en-GB"));

    public static ReportLocale Norwegian { get; } = new("nb-NO", CultureInfo.GetCultureInfo("nb-NO"));

    public bool IsNorwegian => Code == "nb-NO";

    /// <summary>
    /// The treated arm's printed name in rows, columns and captions: "IPS", or its random code (e.g. "Arm P4") in a
    /// blinded report, so that no row of a blinded report says which arm is IPS.
    /// </summary>
    public string Treated { get; init; } = "IPS";

    /// <summary>The control arm's printed name: "Control"/"Kontroll", or its random code in a blinded report.</summary>
    public string Control { get; init; } = Code == "nb-NO" ? "Kontroll" : "Control";

    /// <summary>The protocol's baseline form, whose labels name coded covariates (education levels, severity) in tables.</summary>
    public Trial.Protocol.Baseline.BaselineForm Form { get; init; } = Trial.Protocol.Baseline.BaselineForm.Empty;

    /// <summary>This locale for a study: the arms' printed names (random codes when it is blinded) and the protocol's labels.</summary>
    public ReportLocale ForStudy(Run.StudyData d) => this with { Treated = d.TreatedLabel, Control = d.ControlLabel, Form = d.BaselineForm };

    /// <summary>The protocol's label of a covariates.csv column (a baseline field or indicator), or the column name in words.</summary>
    public string ColumnLabel(string column)
    {
        var label = Form.Field(column)?.Label ?? Form.Fields.SelectMany(f => f.Indicators).FirstOrDefault(i => i.Column == column)?.Label;
        return label is null ? column.Replace('_', ' ') : IsNorwegian ? label.NorwegianBokmal : label.English;
    }

    /// <summary>The protocol's label of a code of a baseline field in this language, or the code itself when the protocol has none.</summary>
    public string CodeLabel(string column, string code) =>
        Form.Field(column)?.Codes.FirstOrDefault(c => c.Code == code)?.Label is { } label ? (IsNorwegian ? label.NorwegianBokmal : label.English) : code;

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
