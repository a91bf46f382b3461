namespace Trial.Enrollment.Features.Baseline;

/// <summary>A participant's current baseline answers (the latest recorded per field; null = not known).</summary>
public sealed record BaselineView(string ResearchId, string? RecordedOn, IReadOnlyDictionary<string, string?> Values);
