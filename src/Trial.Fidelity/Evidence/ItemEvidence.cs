namespace Trial.Fidelity.Evidence;

/// <summary>
/// The evidence for one item. Which fields matter depends on the item's method; the reader checks that the ones the
/// method needs are there. Anchor is the reviewers' chosen anchor: required for ordinal items, and allowed on a computed
/// item only as a recorded judgement when the counted evidence does not exist (then Note must say why).
/// </summary>
public sealed record ItemEvidence
{
    public int? Anchor { get; init; }
    public IReadOnlyList<CaseloadEntry> Caseloads { get; init; } = [];
    public IReadOnlyList<decimal> Percentages { get; init; } = [];
    public IReadOnlyList<int> SpecialistScores { get; init; } = [];
    public IReadOnlySet<string> ComponentsPresent { get; init; } = new HashSet<string>();
    public bool ComponentsRecorded { get; init; }
    public IReadOnlyList<RapidSearchEntry> Days { get; init; } = [];
    public IReadOnlyList<ContactLog> ContactLogs { get; init; } = [];
    public LogReview? LogReview { get; init; }
    public int? JobSeekers { get; init; }
    public IReadOnlyList<JobEntry> Jobs { get; init; } = [];
    public IReadOnlySet<string> Conditions { get; init; } = new HashSet<string>();
    public string? Note { get; init; }
}
