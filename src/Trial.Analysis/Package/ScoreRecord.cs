namespace Trial.Analysis.Package;

/// <summary>A scored questionnaire scale (responses_scores.csv).</summary>
public sealed record ScoreRecord(string Participant, string Occasion, string Instrument, string Scale, double Score);
