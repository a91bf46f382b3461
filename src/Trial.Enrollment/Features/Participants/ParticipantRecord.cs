using NodaTime;

namespace Trial.Enrollment.Features.Participants;

/// <summary>The pseudonymous research record of one screened person. No direct identifier is stored here.</summary>
internal sealed class ParticipantRecord
{
    public Guid Id { get; set; }
    public required string ResearchId { get; set; }
    public required string Centre { get; set; }
    public string? Organisation { get; set; }
    public LocalDate ScreenedOn { get; set; }
    public required string ScreenedBy { get; set; }
    public int AgeAtScreening { get; set; }
    public required string Sex { get; set; }
    public bool Eligible { get; set; }
    public string? ExclusionReason { get; set; }
    /// <summary>JSON of the answers given and the criteria that failed.</summary>
    public required string Screening { get; set; }
    public string? Severity { get; set; }
    public string? Education { get; set; }
    public ParticipantState State { get; set; }
    public string? ConsentFormVersion { get; set; }
    public LocalDate? ConsentOn { get; set; }
    public string? ConsentTakenBy { get; set; }
    public bool RegisterLinkageConsent { get; set; }
    public LocalDate? DiedOn { get; set; }
    /// <summary>The service date of the latest screening correction; null if never corrected.</summary>
    public LocalDate? ScreeningCorrectedOn { get; set; }
    /// <summary>The service date of the latest re-consent (on <see cref="ConsentFormVersion"/>); <see cref="ConsentOn"/> stays the first consent.</summary>
    public LocalDate? ReconsentedOn { get; set; }
}
