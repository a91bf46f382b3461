namespace Trial.Followup.Instruments;

/// <summary>One scale's result. Score is null when the missing-item rule leaves the scale missing.</summary>
public sealed record ScaleScore(string Instrument, string Scale, decimal? Score, int ItemsAnswered, int ItemsTotal, bool Prorated);
