namespace Trial.Analysis.Spec;

internal readonly record struct FormulaToken(FormulaTokenKind Kind, string Text, int Position);
