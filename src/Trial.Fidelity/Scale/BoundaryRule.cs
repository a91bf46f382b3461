namespace Trial.Fidelity.Scale;

/// <summary>A whole-number value that two anchors both claim, and the score each reading gives.</summary>
public sealed record BoundaryRule(int Value, int LowerScore, int UpperScore);
