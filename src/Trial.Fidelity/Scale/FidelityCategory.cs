using Trial.Protocol.Files;
namespace Trial.Fidelity.Scale;

/// <summary>A band of the total score, e.g. 100–114 "God kvalitet" / good fidelity.</summary>
public sealed record FidelityCategory(int Min, int Max, string Code, LocalisedText Label);
