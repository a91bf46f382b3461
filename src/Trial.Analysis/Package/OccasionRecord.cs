namespace Trial.Analysis.Package;

/// <summary>A follow-up occasion's final status (occasions.csv).</summary>
public sealed record OccasionRecord(string Participant, string Occasion, string Status, string Reason);
