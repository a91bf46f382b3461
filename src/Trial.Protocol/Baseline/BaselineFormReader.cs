using System.Text.RegularExpressions;
using Trial.Protocol.Files;

namespace Trial.Protocol.Baseline;

/// <summary>Validates the <c>baselineForm</c> list of protocol.yaml into fields; every error names its path.</summary>
internal static partial class BaselineFormReader
{
    // Column names an R or Stata user can type: lower-case snake case.
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex ColumnName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodeName();

    /// <summary>Columns covariates.csv already has; the form may not reuse them.</summary>
    private static readonly string[] Reserved = ["participant_id", "age", "sex", "income_2013_g"];

    private static readonly Dictionary<string, BaselineFieldType> Types = new(StringComparer.Ordinal)
    {
        ["boolean"] = BaselineFieldType.Boolean,
        ["code"] = BaselineFieldType.Code,
        ["integer"] = BaselineFieldType.Integer,
    };

    public static IReadOnlyList<BaselineField> Fields(YamlValue form)
    {
        var fields = form.Items().Select(Field).ToList();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, node) in fields.Zip(form.Items()))
        {
            foreach (var column in new[] { field.Code }.Concat(field.Indicators.Select(i => i.Column)))
            {
                if (Reserved.Contains(column, StringComparer.Ordinal))
                {
                    throw node.Fail($"'{column}' is already a covariates.csv column ({string.Join(", ", Reserved)})");
                }
                if (!columns.Add(column))
                {
                    throw node.Fail($"column '{column}' is declared twice in the baseline form");
                }
            }
        }
        return fields;
    }

    private static BaselineField Field(YamlValue node)
    {
        node.OnlyKeys("code", "type", "label", "required", "codes", "min", "max", "indicators");
        var code = ColumnCode(node.Child("code"));
        var type = node.Child("type").Enum(Types);
        var label = node.Child("label").Localised();
        var required = node.Optional("required")?.Boolean() ?? false;
        IReadOnlyList<BaselineCode> codes = [];
        int? min = null, max = null;
        if (type == BaselineFieldType.Code)
        {
            var list = node.Child("codes");
            codes = list.Items().Select(c =>
            {
                c.OnlyKeys("code", "label");
                var value = c.Child("code").Text();
                return CodeName().IsMatch(value) ? new BaselineCode(value, c.Child("label").Localised()) : throw c.Child("code").Fail($"'{value}' must be a lower-case code (letters, digits, '-')");
            }).ToList();
            if (codes.Count < 2)
            {
                throw list.Fail("a coded field needs at least two codes");
            }
            if (codes.GroupBy(c => c.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw list.Fail($"code '{twice.Key}' is listed twice");
            }
        }
        else if (node.Optional("codes") is { } stray)
        {
            throw stray.Fail("codes are only for fields of type code");
        }
        if (type == BaselineFieldType.Integer)
        {
            min = node.Child("min").Integer();
            max = node.Child("max").Integer(min.Value);
        }
        else if ((node.Optional("min") ?? node.Optional("max")) is { } bound)
        {
            throw bound.Fail("min and max are only for fields of type integer");
        }
        var indicators = node.Optional("indicators") is { } list2
            ? type == BaselineFieldType.Code ? list2.Items().Select(i => Indicator(i, codes)).ToList() : throw list2.Fail("indicators are only for fields of type code")
            : [];
        return new BaselineField(code, type, label, required, codes, min, max, indicators);
    }

    private static BaselineIndicator Indicator(YamlValue node, IReadOnlyList<BaselineCode> codes)
    {
        node.OnlyKeys("column", "codes", "label");
        var column = ColumnCode(node.Child("column"));
        var of = node.Child("codes");
        var chosen = of.Texts();
        if (chosen.FirstOrDefault(c => codes.All(k => k.Code != c)) is { } unknown)
        {
            throw of.Fail($"'{unknown}' is not one of the field's codes ({string.Join(", ", codes.Select(c => c.Code))})");
        }
        return new BaselineIndicator(column, chosen, node.Child("label").Localised());
    }

    private static string ColumnCode(YamlValue node)
    {
        var value = node.Text();
        return ColumnName().IsMatch(value) ? value : throw node.Fail($"'{value}' must be a lower-case snake_case column name (a-z, 0-9, _; at most 40)");
    }
}
