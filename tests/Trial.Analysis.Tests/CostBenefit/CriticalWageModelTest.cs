using Trial.Analysis.CostBenefit;

namespace Trial.Analysis.Tests.CostBenefit;

/// <summary>Seed 001 §6: Tables 21–23 from protocol/ips-norway/cost-benefit.yaml, to the krone.</summary>
public class CriticalWageModelTest
{
    private static readonly CostBenefitInputs Inputs = CostBenefitInputsLoader.Load(RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"));

    [Theory]
    // Source: seed 001 Table 23 (report L3308–3314), 2014 NOK, Δp = 0.095.
    [InlineData(2, 395_106)]
    [InlineData(3, 254_210)]
    [InlineData(4, 183_906)]
    [InlineData(5, 141_837)]
    public void CriticalWage_Table23Inputs_MatchesReportToTheKrone(int years, int expected) =>
        Assert.Equal(expected, Math.Round(Inputs.Model.CriticalWage(years, 0.095)));

    [Fact]
    public void RequiredPresentValue_Table20Items_RoundsToTable21Total()
    {
        // Source: seed 001 Table 21 prints 55,450 = 92,694 − 46,303 + 9,059.
        var required = Inputs.RequiredPresentValue;
        Assert.Equal(55_450, Math.Round(required.Used));
        // Table 20 rounds each of its 7 lines to NOK 1000, so a derived line may differ from Table 21 by up to
        // 7 × 500 × 1.2 / 227 = 18.5 NOK (operating) and 500 × 1.2 / 227 = 2.6 NOK (one-off).
        Assert.InRange(required.Operating, 92_694 - 18.5, 92_694 + 18.5);
        Assert.InRange(required.OneOff, 9_059 - 2.7, 9_059 + 2.7);
        Assert.InRange(required.Derived, 55_450 - 21.2, 55_450 + 21.2);
    }

    [Fact]
    public void AnnualOperatingCost_Table20_Is17534Thousand() =>
        // Source: seed 001 Table 20, last line, 2014 column.
        Assert.Equal(17_534_000, Inputs.Costs.AnnualOperatingCost);

    [Fact]
    public void Breakdown_AtX395106_MatchesTable22()
    {
        // Source: seed 001 Table 22 (L3217–3257): 974,943 / −514,770 / 123,508; total 583,681; × 0.095 = 55,450.
        var b = Inputs.Model.Breakdown(2, 395_106, 0.095);
        Assert.Equal(974_943, Math.Round(b.Production));
        Assert.Equal(-514_770, Math.Round(b.LostLeisure));
        Assert.Equal(123_508, Math.Round(b.SavedTaxCost));
        Assert.Equal(583_681, Math.Round(b.PerEmployed));
        Assert.Equal(55_450, Math.Round(b.PerParticipant));
    }

    [Fact]
    public void Breakdown_Table22Years_MatchWorkedExample()
    {
        // Source: seed 001 §6.4 worked example: year 1 W 493,882.5, year 2 W 481,060.5; λU 62,738 and 60,770.
        var b = Inputs.Model.Breakdown(2, 395_106, 0.095);
        Assert.Equal(493_882.5, b.Years[0].Production, 6);
        Assert.Equal(481_060.5, b.Years[1].Production, 0.1);
        Assert.Equal(62_738, Math.Round(b.Years[0].SavedTaxCost));
        Assert.Equal(60_770, Math.Round(b.Years[1].SavedTaxCost));
    }

    [Fact]
    public void BreakEvenEffect_AtCriticalWage_ReturnsTheEffect()
    {
        var model = Inputs.Model;
        var wage = model.CriticalWage(3, 0.095);
        Assert.Equal(0.095, model.BreakEvenEffect(3, wage), 12);
    }

    [Fact]
    public void Interval_CiAboveZero_IsBoundedByTheImageOfTheCi()
    {
        var model = Inputs.Model;
        var interval = model.Interval(2, 0.095, 0.02, 0.17);
        Assert.Equal(BoundKind.Bounded, interval.Kind);
        Assert.Equal(model.CriticalWage(2, 0.17), interval.Lower!.Value, 6);
        Assert.Equal(model.CriticalWage(2, 0.02), interval.Upper!.Value, 6);
    }

    [Fact]
    public void Interval_CiIncludingZero_IsUnboundedAbove()
    {
        var interval = Inputs.Model.Interval(2, 0.095, -0.01, 0.2);
        Assert.Equal(BoundKind.UnboundedAbove, interval.Kind);
        Assert.Null(interval.Upper);
        Assert.Contains("includes zero", interval.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_CiBelowZero_HasNoBreakEven() =>
        Assert.Equal(BoundKind.NoBreakEven, Inputs.Model.Interval(2, -0.05, -0.1, -0.01).Kind);

    [Fact]
    public void Sensitivity_AtTheBaseRate_EqualsTable23()
    {
        var analysis = CriticalWageAnalysis.Run(Inputs, new EffectEstimate(0.095, null, null, "test"));
        Assert.Equal(254_210, Math.Round(analysis.Sensitivity.Single(c => c.Years == 3 && c.DiscountRate == 0.04).CriticalWage));
    }

    [Fact]
    public void CriticalWage_HigherDiscountRate_RaisesTheWage() =>
        Assert.True(Inputs.Model.WithDiscountRate(0.06).CriticalWage(3, 0.095) > Inputs.Model.CriticalWage(3, 0.095));
}
