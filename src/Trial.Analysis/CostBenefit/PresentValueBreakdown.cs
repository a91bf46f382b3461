namespace Trial.Analysis.CostBenefit;

/// <summary>Table 22: the present value per newly employed person at wage X, and per participant at effect Δp.</summary>
public sealed record PresentValueBreakdown(double Wage, double Effect, IReadOnlyList<YearlyValue> Years)
{
    public double Production => Years.Sum(y => y.Production);

    public double LostLeisure => Years.Sum(y => y.LostLeisure);

    public double SavedTaxCost => Years.Sum(y => y.SavedTaxCost);

    public double PerEmployed => Production + LostLeisure + SavedTaxCost;

    public double PerParticipant => Effect * PerEmployed;
}
