using Trial.Protocol.Files;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring;

/// <summary>
/// One item's computed score with its reasoning: the value computed from the evidence (before and after rounding), the
/// rule that mapped it, the caps that lowered or fixed it, and warnings such as missing evidence.
/// </summary>
public sealed record ItemScore(
    ItemCode Item,
    int Score,
    int? Candidate,
    decimal? Value,
    long? RoundedValue,
    LocalisedText Rule,
    IReadOnlyList<ScoreCap> CapsApplied,
    IReadOnlyList<LocalisedText> Warnings,
    bool MissingEvidence);
