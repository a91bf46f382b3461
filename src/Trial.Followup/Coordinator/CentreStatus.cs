using NodaTime;

namespace Trial.Followup.Coordinator;

/// <summary>The coordinator view of one centre's follow-up at a moment.</summary>
public sealed record CentreStatus(string Centre, Instant AsOf, IReadOnlyList<OccasionArmStatus> Occasions);
