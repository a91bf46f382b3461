using Trial.Analysis.Register;

namespace Trial.Analysis.Plan;

/// <summary>
/// A register outcome: 1 when all of <see cref="AllOf"/> (core statuses) are 1 in the month, or, when
/// <see cref="Column"/> is given, the value of that declared extra column (a count such as specialist-care contacts).
/// </summary>
public sealed record RegisterOutcomeDefinition(string Id, string Label, string LabelNorwegian, IReadOnlyList<RegisterStatus> AllOf, string? Column = null);
