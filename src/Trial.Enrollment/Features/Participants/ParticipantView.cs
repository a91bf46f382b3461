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
    string? NationalId);
