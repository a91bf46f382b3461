namespace Trial.Enrollment.Features.Fidelity;

public sealed record CreateFidelityReviewRequest(string? Centre, string? Scale, string? ReviewDate, IReadOnlyList<string>? Reviewers);

public sealed record FidelityRatingsRequest(IReadOnlyDictionary<string, int>? Scores);

public sealed record FidelityConsensusRequest(int? Score, string? Note, string? Strengths, string? Recommendation, string? OverrideReason);

public sealed record FidelityActionRequest(string? Item, string? Action, string? Owner, string? DueOn);
