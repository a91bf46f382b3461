using Trial.Analysis.Register;

namespace Trial.Analysis.Plan;

/// <summary>
/// An extra column of the register extract declared in the plan (<c>register_columns</c>): the contract allows it after
/// the nine core columns (protocol/data-package.schema.yaml, extraColumns: plan-register-columns), and the reader
/// refuses any column the plan does not declare.
/// </summary>
public sealed record RegisterColumnDefinition(string Name, RegisterColumnKind Kind, string Meaning);
