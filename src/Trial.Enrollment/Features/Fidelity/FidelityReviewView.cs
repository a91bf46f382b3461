using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>A review as the API returns it: per item the computed score, each reviewer's score, and the consensus.</summary>
public sealed record FidelityReviewView(
    Guid Id,
    string Centre,
    string Scale,
    string ScaleVersion,
    string ReviewDate,
    string Status,
    IReadOnlyList<string> Reviewers,
    IReadOnlyList<FidelityItemView> Items,
    int? Total,
    string? Category,
    IReadOnlyList<FidelityActionView> Actions,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<string> MissingForFinal);

public sealed record FidelityItemView(
    string Code,
    string Section,
    string NameNb,
    string NameEn,
    int? ComputedScore,
    LocalisedText? Rule,
    IReadOnlyList<string> Caps,
    IReadOnlyList<LocalisedText> Warnings,
    IReadOnlyDictionary<string, int> Ratings,
    bool ReviewersDisagree,
    FidelityConsensusView? Consensus);

public sealed record FidelityConsensusView(int Score, string Note, string? Strengths, string? Recommendation, string? OverrideReason);

public sealed record FidelityActionView(long Id, string Item, string Action, string Owner, string DueOn);

public sealed record FidelityTrendPoint(Guid Review, string ReviewDate, string Scale, int Total, string Category,
    IReadOnlyDictionary<string, int> Sections, IReadOnlyDictionary<string, int> Items);
