using NodaTime;
using Trial.Followup.Occasions;

namespace Trial.Followup.Questionnaires.Links;

/// <summary>A token's status together with the occasion it opens (null only when the token is unknown).</summary>
public sealed record LinkedOccasion(LinkStatus Status, OccasionId? Occasion, string? OccasionCode, string? Language, Instant? ExpiresAt);
