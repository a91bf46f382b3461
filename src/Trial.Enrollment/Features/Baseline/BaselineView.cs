namespace Trial.Enrollment.Features.Baseline;

/// <summary>
/// A participant's current baseline answers (the latest recorded per field; null = not known). Fields the caller's
/// organisation may not see are left out of Values and named in Hidden.
/// </summary>
public sealed record BaselineView(string ResearchId, string? RecordedOn, IReadOnlyDictionary<string, string?> Values, IReadOnlyList<string> Hidden);
