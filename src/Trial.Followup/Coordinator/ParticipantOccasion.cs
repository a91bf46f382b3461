using NodaTime;

namespace Trial.Followup.Coordinator;

/// <summary>
/// One questionnaire occasion of a participant, as a coordinator needs it to enter answers by phone or paper
/// (POST /api/followup/occasions/{OccasionId}/responses). Occasion is followup.yaml's code (m0 = at inclusion).
/// </summary>
public sealed record ParticipantOccasion(Guid OccasionId, string Occasion, LocalDate DueOn, Instant OpensAt, Instant ClosesAt, string State, string? Mode);
