using System.Text.Json;
using Trial.Enrollment.Problems;
using Trial.Protocol.Baseline;

namespace Trial.Enrollment.Features.Baseline;

/// <summary>Turns the submitted JSON answers into package texts, refusing the first bad one by field name and rule.</summary>
internal static class BaselineRequestValues
{
    public const int MaxFields = 100;

    /// <param name="recorded">The fields this submission records (the user's organisation's); the others are left as they are.</param>
    public static Dictionary<string, string?> Parse(BaselineForm form, Dictionary<string, JsonElement>? values, Func<BaselineField, bool> recorded)
    {
        values ??= [];
        if (values.Count > MaxFields)
        {
            throw RejectedException.Invalid("values", "too-many-fields", $"At most {MaxFields} fields.");
        }
        foreach (var unknown in values.Keys.Where(k => form.Field(k) is null))
        {
            throw RejectedException.Invalid($"values.{Shown(unknown)}", "known-field",
                $"'{Shown(unknown)}' is not a field of the protocol's baseline form; use {string.Join(", ", form.Fields.Select(f => f.Code))}.");
        }
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in form.Fields.Where(recorded))
        {
            var element = values.TryGetValue(field.Code, out var e) ? e : default;
            var text = Text(field, element);
            if (text is null)
            {
                if (field.Required)
                {
                    throw RejectedException.Invalid($"values.{field.Code}", "required", $"'{field.Code}' ({field.Label.English}) must be recorded.");
                }
                answers[field.Code] = null;
                continue;
            }
            var (value, rule) = BaselineAnswer.Check(field, text);
            answers[field.Code] = value ?? throw RejectedException.Invalid($"values.{field.Code}", "allowed-value", $"'{field.Code}' {rule}.");
        }
        return answers;
    }

    /// <summary>The JSON answer as text in the field's own type; JSON of another kind is refused rather than coerced.</summary>
    private static string? Text(BaselineField field, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.True when field.Type == BaselineFieldType.Boolean => "true",
        JsonValueKind.False when field.Type == BaselineFieldType.Boolean => "false",
        JsonValueKind.Number when field.Type == BaselineFieldType.Integer => element.GetRawText(),
        JsonValueKind.String when field.Type == BaselineFieldType.Code => element.GetString(),
        _ => throw RejectedException.Invalid($"values.{field.Code}", "value-type", $"'{field.Code}' must be {Expected(field.Type)} or null."),
    };

    private static string Expected(BaselineFieldType type) => type switch
    {
        BaselineFieldType.Boolean => "true or false",
        BaselineFieldType.Integer => "a whole number",
        _ => "a code (text)",
    };

    private static string Shown(string key) => key.Length <= 40 ? key : key[..40] + "…";
}
