using NodaTime;

namespace Trial.Analysis.Package;

/// <summary>A follow-up occasion's final status (occasions.csv), with its due date and when it was completed.</summary>
public sealed record OccasionRecord(string Participant, string Occasion, string Status, string Reason, LocalDate? DueOn = null, Instant? CompletedAt = null);
