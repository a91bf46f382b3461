using NodaTime;

namespace Trial.Followup.Coordinator;

/// <summary>
/// Answers a coordinator took by phone or on paper. Mode is "phone" or "paper"; AnsweredAt defaults to now;
/// Answers maps instrument code → item code → value. Items the participant did not answer are left out.
/// </summary>
public sealed record ManualResponseRequest(string? Mode, Instant? AnsweredAt, Dictionary<string, Dictionary<string, int?>>? Answers);
