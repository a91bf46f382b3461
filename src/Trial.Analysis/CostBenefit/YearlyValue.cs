namespace Trial.Analysis.CostBenefit;

/// <summary>One year of Table 22, discounted to the start year: production W, lost leisure F (negative), saved tax cost λU.</summary>
public sealed record YearlyValue(int Year, double Production, double LostLeisure, double SavedTaxCost)
{
    public double Total => Production + LostLeisure + SavedTaxCost;
}
