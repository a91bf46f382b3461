namespace Trial.Enrollment.Features.Randomisation;

/// <summary>What a coordinator learns: this participant's arm. Never the list, the slot or the block.</summary>
public sealed record AllocationResponse(Guid ParticipantId, string ResearchId, string Arm, string Period, string Ratio, string RandomisedOn, string ProtocolSha256);
