namespace Trial.Enrollment.Features.Reconsent;

/// <summary>One participant who must consent again: the form they signed and the one in force.</summary>
public sealed record ReconsentView(Guid ParticipantId, string ResearchId, string Centre, string? ConsentFormVersion, string FormInForce);
