using NodaTime;
using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring;

namespace Trial.Fidelity.Evidence;

/// <summary>
/// Everything a review found, per item, plus what several items share: the jobs list (SV8–SV10) and the number of
/// specialists (which sets the minimum sample, L7744–7748). Settings choose between the manual's contradictory rules.
/// </summary>
public sealed record ReviewEvidence(
    string Scale,
    string? Centre,
    LocalDate? ReviewDate,
    int? SpecialistCount,
    IReadOnlyList<JobEntry> Jobs,
    IReadOnlyDictionary<ItemCode, ItemEvidence> Items,
    ScoringSettings Settings);
