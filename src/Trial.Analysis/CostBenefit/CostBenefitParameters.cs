namespace Trial.Analysis.CostBenefit;

/// <summary>The economic assumptions of seed 001 Appendix 9.1 (symbols a, b, c=λ, d, e, V, r).</summary>
/// <param name="SocialCosts">a: pension, employer's contribution and insurance as a share of the gross wage.</param>
/// <param name="AverageTax">b: average tax rate on benefits and wages.</param>
/// <param name="TaxFinancingCost">λ: marginal cost of public funds.</param>
/// <param name="ExtraTax">d: change in tax revenue per krone of new income.</param>
/// <param name="RealWageGrowth">e: yearly real growth of gross wages.</param>
/// <param name="DiscountRate">r: real social discount rate.</param>
/// <param name="DisabilityBenefit">V: yearly benefit no longer paid when a person works (NOK).</param>
public sealed record CostBenefitParameters(
    double SocialCosts,
    double AverageTax,
    double TaxFinancingCost,
    double ExtraTax,
    double RealWageGrowth,
    double DiscountRate,
    double DisabilityBenefit)
{
    /// <summary>Net social value per krone of wage in year 0: (1+a) − (1−b) + λd.</summary>
    public double WageFactor => 1 + SocialCosts - (1 - AverageTax) + TaxFinancingCost * ExtraTax;

    /// <summary>Saved tax cost of the benefit no longer paid, per year: λ(1−b)V.</summary>
    public double BenefitTerm => TaxFinancingCost * (1 - AverageTax) * DisabilityBenefit;

    public CostBenefitParameters WithDiscountRate(double rate) => this with { DiscountRate = rate };
}
