using Trial.Analysis.CostBenefit;
using Trial.Protocol.Files;

namespace Trial.Analysis.Tests.CostBenefit;

public class CostBenefitInputsLoaderTest
{
    private static readonly string Committed = File.ReadAllText(RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"));

    [Fact]
    public void Parse_MissingDiscountRate_NamesThePath()
    {
        var yaml = Committed.Replace("  discount_rate: 0.04           # r: real social discount rate\n", "", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.Equal("cb.yaml", e.First.File);
        // The shared reader's one format: the missing key's own path, the line of the mapping that lacks it, the rule.
        Assert.Equal("$.parameters.discount_rate", e.First.Path);
        Assert.NotNull(e.First.Line);
        Assert.Equal("is required", e.First.Rule);
        Assert.Matches(@"^cb\.yaml: \$\.parameters\.discount_rate \(line \d+\): is required$", e.Message);
    }

    [Fact]
    public void Parse_TaxRateAboveOne_IsRejectedWithItsRange()
    {
        var yaml = Committed.Replace("average_tax: 0.34", "average_tax: 34", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.StartsWith("$.parameters.average_tax", e.First.Path, StringComparison.Ordinal);
        Assert.Contains("outside [0, 1]", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PositiveDeduction_IsRejected()
    {
        var yaml = Committed.Replace("kind: deduction, amount: -2793", "kind: deduction, amount: 2793", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.StartsWith("$.costs.items[6].amount", e.First.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DecimalComma_IsRejectedAsNotANumber()
    {
        var yaml = Committed.Replace("real_wage_growth: 0.013", "real_wage_growth: '0,013'", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => CostBenefitInputsLoader.Parse("cb.yaml", yaml));
        Assert.Contains("decimal point", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutReportedTotal_UsesTheDerivedTotal()
    {
        var yaml = string.Join('\n', Committed.Split('\n').Where(l => !l.Contains("required_pv_calibrated_to_table_23", StringComparison.Ordinal)));
        var inputs = CostBenefitInputsLoader.Parse("cb.yaml", yaml);
        Assert.Equal(inputs.RequiredPresentValue.Derived, inputs.RequiredPresentValue.Used);
    }
}
