namespace Trial.Analysis.DiD;

/// <summary>An aggregation of ATT(g,t) as did::aggte: the overall effect and, for dynamic/group, the per-e or per-g effects.</summary>
public sealed record Aggregation(AggregationType Type, AggregatedEffect Overall, IReadOnlyList<AggregatedEffect> Effects);
