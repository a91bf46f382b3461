namespace Trial.Analysis.Spec;

/// <summary>One variable of a term: a data column, optionally forced to a factor, optionally with a reference level.</summary>
public sealed record Variable(string Column, VariableCoding Coding = VariableCoding.Auto, string? ReferenceLevel = null)
{
    /// <summary>The name R would print for this variable, e.g. <c>x</c> or <c>factor(x)</c>.</summary>
    public string Label => Coding == VariableCoding.Factor && ReferenceLevel is null ? $"factor({Column})" : Column;

    public override string ToString() => Label;
}
