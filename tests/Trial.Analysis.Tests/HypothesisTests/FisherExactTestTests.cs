using System.Text.Json;
using Trial.Analysis.HypothesisTests;

namespace Trial.Analysis.Tests.HypothesisTests;

public class FisherExactTestTests
{
    // Source: reference/hypothesis_tests.R (R 4.2.2 stats::fisher.test) -> hypothesis/hypothesis_tests.json.
    private static readonly JsonElement Golden = GoldenJson.Load("hypothesis/hypothesis_tests.json");

    [Theory]
    [InlineData("fisher_tea")]
    [InlineData("fisher_convictions")]
    [InlineData("fisher_am_vs")]
    public void TwoByTwo_RTables_MatchFisherTestP(string key)
    {
        var g = Golden.GetProperty(key);
        var r = FisherExactTest.TwoByTwo(g.GetProperty("table").Matrix());
        GoldenJson.Near(g.Number("p"), r.P, 1e-10, what: "p");
    }

    [Theory]
    [InlineData("fisher_tea")]
    [InlineData("fisher_convictions")]
    [InlineData("fisher_am_vs")]
    public void TwoByTwo_RTables_MatchFisherTestOddsRatio(string key)
    {
        var g = Golden.GetProperty(key);
        var r = FisherExactTest.TwoByTwo(g.GetProperty("table").Matrix());
        // Same uniroot search as R (tolerance ≈ 1.2e-4, same stopping point), so R's number to round-off.
        GoldenJson.Near(g.Number("estimate"), r.OddsRatio, 1e-9, what: "odds ratio");
    }

    [Theory]
    [InlineData("fisher_tea")]
    [InlineData("fisher_convictions")]
    [InlineData("fisher_am_vs")]
    public void TwoByTwo_RTables_MatchFisherTestLimits(string key)
    {
        var g = Golden.GetProperty(key);
        var r = FisherExactTest.TwoByTwo(g.GetProperty("table").Matrix());
        // R solves for 1/OR with absolute tolerance 1.2e-4, which moves a limit like 622 (1/OR = 0.0016) by up to
        // ~7% from the exact root; RUniroot follows R's search, so the limits are R's to round-off.
        GoldenJson.Near(g.Number("lower"), r.Lower, 1e-9, what: "lower");
        GoldenJson.Near(g.Number("upper"), r.Upper, 1e-9, what: "upper");
    }

    [Fact]
    public void TwoByTwo_LargerTable_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => FisherExactTest.TwoByTwo([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]));
        Assert.Contains("2×2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoByTwo_ZeroCell_GivesZeroOddsRatio()
    {
        var r = FisherExactTest.TwoByTwo([[0.0, 5.0], [4.0, 1.0]]);
        Assert.Equal(0, r.OddsRatio);
    }
}
