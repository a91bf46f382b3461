namespace Trial.Analysis.CostBenefit;

/// <summary>One column of Table 23 with its Fieller-type interval when the effect's CI is known.</summary>
public sealed record CriticalWageRow(int Years, double CriticalWage, CriticalWageInterval? Interval);
