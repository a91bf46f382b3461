namespace Trial.Analysis.Spec;

/// <summary>How a variable enters the design: by its column type (text → factor) or forced to a factor (<c>factor(x)</c>).</summary>
public enum VariableCoding
{
    Auto,
    Factor,
}
