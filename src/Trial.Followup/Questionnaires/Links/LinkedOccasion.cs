using NodaTime;
using Trial.Followup.Occasions;

namespace Trial.Followup.Questionnaires.Links;

/// <summary>
/// A token's status together with the occasion it opens (null only when the token is unknown). LastDay is the last
/// local date on which the participant can answer, in the participant's zone.
/// </summary>
public sealed record LinkedOccasion(LinkStatus Status, OccasionId? Occasion, string? OccasionCode, string? Language, Instant? ExpiresAt, LocalDate? LastDay);
