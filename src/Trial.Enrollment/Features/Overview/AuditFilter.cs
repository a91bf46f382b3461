using NodaTime;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Overview;

/// <summary>Filters of the audit-log page: chain (a centre or "trial"), action prefix, actor, days (in the trial's zone, inclusive), page.</summary>
public sealed record AuditFilter(string? Chain, string? Action, string? Actor, LocalDate? From, LocalDate? To, int Page)
{
    /// <summary>
    /// The filter as typed on the page (dates in the page's language, see <see cref="DateEntry"/>). A date that is no
    /// date is an error on its field, never dropped: a silently ignored filter would list entries the auditor did not
    /// ask for, and they could take them for the answer.
    /// </summary>
    public static (AuditFilter Filter, FieldErrors Errors) Read(string? chain, string? action, string? actor, string? from, string? to, int? page,
        TextLanguage language, TextsIn texts)
    {
        var errors = new FieldErrors();
        var fromDay = Day(from, "from", language, texts, errors);
        var toDay = Day(to, "to", language, texts, errors);
        if (fromDay is { } f && toDay is { } t && t < f)
        {
            errors["to"] = texts["audit.to-before-from"];
        }
        return (new AuditFilter(chain, action, actor, fromDay, toDay, Math.Max(1, page ?? 1)), errors);
    }

    private static LocalDate? Day(string? typed, string field, TextLanguage language, TextsIn texts, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }
        if (DateEntry.Read(typed, language) is { } day)
        {
            return LocalDate.FromDateOnly(day);
        }
        errors[field] = texts["form.date-format"];
        return null;
    }
}
