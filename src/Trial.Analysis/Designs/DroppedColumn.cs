namespace Trial.Analysis.Designs;

/// <summary>A design column that was removed, and why (e.g. "collinear with earlier columns").</summary>
public sealed record DroppedColumn(string Name, string Reason);
