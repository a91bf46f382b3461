using Trial.Enrollment.Features.Randomisation;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Payload properties in which earlier releases audited a person's or a staff member's own words: a paper
/// allocation's reason (before reason codes), and a mistaken randomisation's reason (before its code, release 058f74f).
/// Today both carry a code. A value that is not one of the codes is words, replaced by <see cref="Code"/> on redaction.
/// </summary>
internal sealed record AuditFreeTextFields(string Action, string Property, IReadOnlyCollection<string> Codes, string Code)
{
    public const string Reason = "free-text-in-identity-store";

    public static readonly AuditFreeTextFields[] All =
    [
        new("randomisation.paper-entered", "reason", PaperReasons.Codes, PaperReasons.Other),
        new("randomisation.marked-mistaken", "reason", [], MistakeReasons.Other),
    ];

    public static readonly string[] Actions = All.Select(f => f.Action).Distinct().ToArray();
}
