namespace Trial.Analysis.Package;

/// <summary>One final fidelity review from the package's fidelity.csv (protocol/data-package.md).</summary>
public sealed record FidelityRecord(string Centre, string Scale, string ReviewDate, int Total, string Category);
