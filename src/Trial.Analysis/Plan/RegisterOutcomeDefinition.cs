using Trial.Analysis.Register;

namespace Trial.Analysis.Plan;

/// <summary>A monthly 0/1 outcome: 1 when every listed register status is 1 in the month (e.g. AAP and job).</summary>
public sealed record RegisterOutcomeDefinition(string Id, string Label, string LabelNorwegian, IReadOnlyList<RegisterStatus> AllOf);
