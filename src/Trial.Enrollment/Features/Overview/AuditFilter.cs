using System.Globalization;
using NodaTime;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Overview;

/// <summary>Filters of the audit log: chain (a centre or "trial"), action prefix, actor, days (in the trial's zone, inclusive), page.</summary>
public sealed record AuditFilter(string? Chain, string? Action, string? Actor, LocalDate? From, LocalDate? To, int Page)
{
    /// <summary>
    /// The filter as typed (dates in the language, see <see cref="DateEntry"/>, or ISO). A value that cannot be read is
    /// an error on its field, never dropped: a silently ignored filter would list entries the reader did not ask for,
    /// and they could take them for the answer. A chain that names no centre of the protocol is an error here; a centre
    /// the reader is not scoped to is refused by <see cref="AuditLog"/>.
    /// </summary>
    /// <param name="centres">The protocol's centre codes.</param>
    public static (AuditFilter Filter, FieldErrors Errors) Read(string? chain, string? action, string? actor, string? from, string? to, string? page,
        Protocol.TrialProtocol protocol, TextLanguage language, TextsIn texts)
    {
        var errors = new FieldErrors();
        var chosen = string.IsNullOrWhiteSpace(chain) ? null : chain.Trim();
        if (chosen is not null && chosen != Audit.AuditTrail.TrialChain && !protocol.Centres.Any(c => c.Code.Value == chosen))
        {
            errors["chain"] = texts["form.choose-one"];
        }
        var fromDay = Day(from, "from", language, texts, errors);
        var toDay = Day(to, "to", language, texts, errors);
        if (fromDay is { } f && toDay is { } t && t < f)
        {
            errors["to"] = texts["audit.to-before-from"];
        }
        var number = PageNumber.Read(page, errors, texts);
        return (new AuditFilter(chosen, action, actor, fromDay, toDay, number), errors);
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
