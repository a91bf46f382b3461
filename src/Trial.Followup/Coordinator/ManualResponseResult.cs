using NodaTime;
using Trial.Followup.Instruments;

namespace Trial.Followup.Coordinator;

/// <summary>The stored manual response with its scores.</summary>
public sealed record ManualResponseResult(Guid OccasionId, string Occasion, string Mode, string EnteredBy, Instant AnsweredAt, IReadOnlyList<ScaleScore> Scores);
