namespace Trial.Analysis.Report;

/// <summary>Questionnaire follow-up at one occasion: completed, and the others by status or reason.</summary>
public sealed record ConsortOccasion(string Occasion, int Completed, IReadOnlyList<(string Reason, int Count)> NotCompleted);
