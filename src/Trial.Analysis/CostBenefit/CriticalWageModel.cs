namespace Trial.Analysis.CostBenefit;

/// <summary>
/// The critical gross wage of seed 001 §6.3 for a horizon of T years:
/// X*(T) = [C/Δp − λ(1−b)V·Σ(1+r)^−t] / [((1+a) − (1−b) + λd)·Σ((1+e)/(1+r))^t], t = 0..T−1,
/// with C the required present value per participant (Table 21) and Δp the employment effect, assumed to last T years.
/// </summary>
public sealed class CriticalWageModel(CostBenefitParameters parameters, double requiredPresentValue)
{
    public CostBenefitParameters Parameters { get; } = parameters;

    public double RequiredPresentValue { get; } = requiredPresentValue;

    /// <summary>X*(T) for effect Δp; throws when Δp is not positive (no wage breaks even).</summary>
    public double CriticalWage(int years, double effect)
    {
        if (effect <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "The employment effect must be positive for a break-even wage to exist.");
        }
        return (RequiredPresentValue / effect - Parameters.BenefitTerm * DiscountSum(years)) / (Parameters.WageFactor * WageSum(years));
    }

    /// <summary>The employment effect at which a wage X breaks even over T years: Δp* = C / (B·X + A).</summary>
    public double BreakEvenEffect(int years, double wage) =>
        RequiredPresentValue / (Parameters.WageFactor * WageSum(years) * wage + Parameters.BenefitTerm * DiscountSum(years));

    /// <summary>Table 22: the discounted value of one new job at wage X, year by year.</summary>
    public PresentValueBreakdown Breakdown(int years, double wage, double effect)
    {
        var p = Parameters;
        var rows = Enumerable.Range(0, years).Select(t =>
        {
            var discount = Math.Pow(1 + p.DiscountRate, -t);
            var wageT = wage * Math.Pow(1 + p.RealWageGrowth, t);
            return new YearlyValue(t + 1,
                wageT * (1 + p.SocialCosts) * discount,
                -wageT * (1 - p.AverageTax) * discount,
                p.TaxFinancingCost * ((1 - p.AverageTax) * p.DisabilityBenefit + p.ExtraTax * wageT) * discount);
        }).ToList();
        return new PresentValueBreakdown(wage, effect, rows);
    }

    /// <summary>Fieller-type interval from the effect's confidence interval [lower, upper].</summary>
    public CriticalWageInterval Interval(int years, double effect, double lower, double upper)
    {
        double? estimate = effect > 0 ? CriticalWage(years, effect) : null;
        if (upper <= 0)
        {
            return new CriticalWageInterval(years, estimate ?? double.NaN, null, null, BoundKind.NoBreakEven);
        }
        var low = CriticalWage(years, upper);
        return lower > 0
            ? new CriticalWageInterval(years, estimate ?? double.NaN, low, CriticalWage(years, lower), BoundKind.Bounded)
            : new CriticalWageInterval(years, estimate ?? double.NaN, low, null, BoundKind.UnboundedAbove);
    }

    public CriticalWageModel WithDiscountRate(double rate) => new(Parameters.WithDiscountRate(rate), RequiredPresentValue);

    private double DiscountSum(int years) =>
        Enumerable.Range(0, years).Sum(t => Math.Pow(1 + Parameters.DiscountRate, -t));

    private double WageSum(int years) =>
        Enumerable.Range(0, years).Sum(t => Math.Pow((1 + Parameters.RealWageGrowth) / (1 + Parameters.DiscountRate), t));
}
