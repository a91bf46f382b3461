namespace Trial.Enrollment.Identity;

/// <summary>Direct identifiers, kept in the separate identity store and joined to research data only by participant id.</summary>
internal sealed class PersonRecord
{
    public Guid ParticipantId { get; set; }
    public required string NationalId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public required string Language { get; set; }
}
