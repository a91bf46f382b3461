using System.Globalization;
using System.Text.Json.Serialization;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// One problem the chain check found: what kind it is and the values its sentence names (chain, entry numbers, research
/// ID, column, both values). Kept apart from its words so the auditor's page writes it in the page's language from the
/// resources (<c>audit.problem.{code}</c>); <see cref="Message"/> is the English sentence from the same resources, for
/// the API and the command line.
/// </summary>
public sealed record AuditProblem(
    [property: JsonIgnore] AuditProblemKind Kind,
    IReadOnlyList<string> Values)
{
    /// <summary>The kind as a code, e.g. entry-edited.</summary>
    public string Code => CodeOf(Kind);

    /// <summary>The resource key of the kind's sentence; both language files have one for every kind (PageTextTests).</summary>
    [JsonIgnore]
    public string TextKey => "audit.problem." + Code;

    public string Message => PageTextResources.Format(TextLanguage.En, TextKey, [.. Values]);

    public static AuditProblem Of(AuditProblemKind kind, params object?[] values) =>
        new(kind, values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList());

    /// <summary>EntryEdited → entry-edited.</summary>
    public static string CodeOf(AuditProblemKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    public override string ToString() => Message;
}

/// <summary>What the chain check can find wrong: in a hash chain, in its head, in a kept trail head, or between the replayed trail and the tables.</summary>
public enum AuditProblemKind
{
    /// <summary>Chain, first and last missing entry number.</summary>
    EntriesMissing,
    /// <summary>Chain, entry number, the entry before it.</summary>
    PreviousHashMismatch,
    /// <summary>Chain, entry number, entry id.</summary>
    EntryEdited,
    /// <summary>Chain, entry number, entry id: a hash-version-2 payload that no longer matches its digest and is no listed redaction.</summary>
    PayloadEdited,
    /// <summary>Chain, the head's last entry, the trail's last entry.</summary>
    HeadMismatch,
    /// <summary>Chain.</summary>
    HeadMissing,
    /// <summary>The kept head.</summary>
    KeptHeadNotReached,
    /// <summary>When the hash-version-2 upgrade ran, the head the former hashes fold to now, the head it recorded then.</summary>
    FormerHashesChanged,
    /// <summary>Research ID, participant ID, column, value in the table, value in the trail.</summary>
    ColumnDiffers,
    /// <summary>Research ID, participant ID.</summary>
    ParticipantDeleted,
    /// <summary>Research ID, participant ID.</summary>
    ParticipantInserted,
    /// <summary>Research ID, participant ID.</summary>
    RandomisationDeleted,
    /// <summary>Research ID, participant ID.</summary>
    RandomisationInserted,
    /// <summary>Participant ID.</summary>
    RandomisationWithoutParticipant,
}
