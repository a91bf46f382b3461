namespace Trial.Analysis.Run;

/// <summary>
/// One LPM of an analysis that fits several side by side (one per subgroup or allocation period, a pooled or combined
/// one): its focus terms, which participants it keeps, and the extra columns its focus terms read.
/// </summary>
public sealed record LpmVariant(IReadOnlyList<string> Focus, Func<StudyParticipant, bool>? Include = null,
    IReadOnlyDictionary<string, Func<StudyParticipant, int, double>>? Extra = null);
