namespace Trial.Analysis.Spec;

/// <summary>A formula that does not parse; <see cref="Position"/> is the 0-based character offset of the problem.</summary>
public sealed class FormulaException(string formula, int position, string rule)
    : ModelInputException($"formula: {rule} at position {position + 1}: \"{formula}\"")
{
    public string Formula { get; } = formula;
    public int Position { get; } = position;
    public string Rule { get; } = rule;
}
