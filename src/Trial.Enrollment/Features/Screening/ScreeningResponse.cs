namespace Trial.Enrollment.Features.Screening;

public sealed record ScreeningResponse(Guid ParticipantId, string ResearchId, bool Eligible, string? ExclusionReason, IReadOnlyList<string> FailedCriteria);
