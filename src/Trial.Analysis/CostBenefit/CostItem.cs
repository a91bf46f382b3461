namespace Trial.Analysis.CostBenefit;

/// <summary>One line of Table 20, in NOK for the costing year.</summary>
public sealed record CostItem(string Code, string Label, CostItemKind Kind, double Amount);
