using Trial.Enrollment.Problems;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// Turns a verb's refusal into what a form shows: the message for the rule in the page's language ("rule.{code}",
/// else the verb's own message) under the form field it concerns.
/// </summary>
internal static class PageRejection
{
    /// <summary>Request field names that differ from the page's form field names.</summary>
    private static readonly Dictionary<string, string> FormFields = new(StringComparer.Ordinal)
    {
        ["person.name"] = "name",
        ["person.nationalId"] = "nationalId",
        ["person.email"] = "email",
        ["person.phone"] = "phone",
        ["person.language"] = "language",
        ["person"] = "name",
    };

    public static FieldErrors Errors(RejectedException e, TextsIn texts, string conflictField)
    {
        var field = e.Field is null ? conflictField : FormFields.GetValueOrDefault(e.Field, e.Field);
        return new FieldErrors { [field] = texts.Find("rule." + e.Code) ?? e.Message };
    }

    /// <summary>The same errors under "{form}.{field}", for a form whose fields are named after it.</summary>
    public static FieldErrors Prefixed(FieldErrors errors, string form)
    {
        var prefixed = new FieldErrors();
        foreach (var (field, message) in errors)
        {
            prefixed[$"{form}.{field}"] = message;
        }
        return prefixed;
    }
}
