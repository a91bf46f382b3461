namespace Trial.Analysis.CostBenefit;

/// <summary>The employment effect Δp needed for a given yearly wage to break even over a horizon.</summary>
public sealed record BreakEvenEffect(double Wage, int Years, double Effect);
