namespace Trial.Analysis.Spec;

internal enum FormulaTokenKind
{
    Identifier,
    Number,
    String,
    Symbol,
    End,
}
