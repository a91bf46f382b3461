using System.Globalization;

namespace Trial.Protocol.Baseline;

/// <summary>
/// Checks one recorded answer against its field and gives the text the package stores (true/false, a whole number
/// in invariant digits, or one of the field's codes). The service, the pages and the export all use this one rule.
/// </summary>
public static class BaselineAnswer
{
    /// <returns>The stored text, or the broken rule as (null, rule).</returns>
    public static (string? Value, string? Rule) Check(BaselineField field, string text) => field.Type switch
    {
        BaselineFieldType.Boolean => text is "true" or "false" ? (text, null) : (null, "must be true or false"),
        BaselineFieldType.Integer => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n >= field.Min && n <= field.Max
                ? (n.ToString(CultureInfo.InvariantCulture), null)
                : (null, $"must be a whole number from {field.Min} to {field.Max}")
            : (null, "must be a whole number"),
        _ => field.Allows(text)
            ? (text, null)
            : (null, $"must be one of: {string.Join(", ", field.Codes.Select(c => c.Code))}"),
    };

    /// <summary>The covariates.csv cells of one participant's answers: each field, then its indicators.</summary>
    public static IEnumerable<string?> Cells(BaselineForm form, IReadOnlyDictionary<string, string?> answers) =>
        form.Fields.SelectMany(f =>
        {
            var value = answers.GetValueOrDefault(f.Code);
            return new[] { value }.Concat(f.Indicators.Select(i => i.Of(value) switch { true => "true", false => "false", null => null }));
        });
}
