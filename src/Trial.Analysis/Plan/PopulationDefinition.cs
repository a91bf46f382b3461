namespace Trial.Analysis.Plan;

public sealed record PopulationDefinition(string Id, string Label, PopulationRule Rule, int MinimumAge);
