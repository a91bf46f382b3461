namespace Trial.Analysis.CostBenefit;

/// <summary>The critical wage for one duration and discount rate.</summary>
public sealed record SensitivityCell(int Years, double DiscountRate, double CriticalWage);
