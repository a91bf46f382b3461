namespace Trial.Enrollment.Features.Participants;

/// <summary>A participant as the API shows it. Name and fødselsnummer only for roles that meet participants.</summary>
public sealed record ParticipantView(
    Guid ParticipantId,
    string ResearchId,
    string Centre,
    string State,
    bool Eligible,
    string? ExclusionReason,
    string ScreenedOn,
    string? ConsentFormVersion,
    string? ConsentOn,
    string? Arm,
    string? Period,
    string? RandomisedOn,
    bool Mistaken,
    string? DiedOn,
    IReadOnlyList<string> Withdrawals,
    string? Name,
    string? NationalId)
{
    /// <summary>The service date of the latest screening correction, if any.</summary>
    public string? ScreeningCorrectedOn { get; init; }

    /// <summary>The service date of the latest re-consent (on <see cref="ConsentFormVersion"/>); <see cref="ConsentOn"/> stays the first consent.</summary>
    public string? ReconsentedOn { get; init; }

    /// <summary>The severity recorded at screening (or corrected); null when not recorded or the user's organisation may not see it.</summary>
    public string? Severity { get; init; }

    /// <summary>The education recorded at screening (or corrected); null when not recorded or the user's organisation may not see it.</summary>
    public string? Education { get; init; }

    /// <summary>The yes/no screening answers as now recorded (after any correction), by criterion code.</summary>
    public IReadOnlyDictionary<string, bool> ScreeningAnswers { get; init; } = new Dictionary<string, bool>();
}
