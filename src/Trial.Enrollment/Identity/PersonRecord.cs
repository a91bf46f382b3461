namespace Trial.Enrollment.Identity;

/// <summary>
/// Direct identifiers, kept in the separate identity store and joined to research data only by participant id.
/// fødselsnummer, name, phone and e-mail are sealed (AES-256-GCM, base64) with the person's own key
/// (<see cref="PersonKeyRecord"/>); <see cref="NationalIdHash"/> (a keyed hash) finds duplicates without opening any.
/// </summary>
internal sealed class PersonRecord
{
    public Guid ParticipantId { get; set; }
    public required string NationalId { get; set; }
    public string? NationalIdHash { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public required string Language { get; set; }
}
