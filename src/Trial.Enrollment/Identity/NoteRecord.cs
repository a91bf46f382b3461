using NodaTime;

namespace Trial.Enrollment.Identity;

/// <summary>
/// Free text written about a person (why they withdrew, why a randomisation was a mistake). People write names,
/// fødselsnummer and phone numbers into such fields, so the text is kept in the identity store with the direct
/// identifiers, sealed with the person's key (<see cref="PersonVault.SealNote"/>); the research store, Follow-up and
/// the data package hold codes only.
/// </summary>
internal sealed class NoteRecord
{
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public NoteKind Kind { get; set; }
    /// <summary>The research-store row the note explains (the withdrawal or randomisation id).</summary>
    public Guid Regarding { get; set; }
    /// <summary>Sealed (<see cref="Sealed"/>); only notes written before sealing are plain, until the next start seals them.</summary>
    public required string Text { get; set; }
    public bool Sealed { get; set; }
    public required string WrittenBy { get; set; }
    public Instant WrittenAt { get; set; }
}
