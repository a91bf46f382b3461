using System.Text.Json;
using Trial.Analysis.HypothesisTests;

namespace Trial.Analysis.Tests.HypothesisTests;

public class ChiSquareTestTests
{
    // Source: reference/hypothesis_tests.R (R 4.2.2 stats::chisq.test) -> hypothesis/hypothesis_tests.json.
    private static readonly JsonElement Golden = GoldenJson.Load("hypothesis/hypothesis_tests.json");

    [Theory]
    [InlineData("chisq_yates_am_vs", ContinuityCorrection.Yates)]
    [InlineData("chisq_plain_am_vs", ContinuityCorrection.None)]
    [InlineData("chisq_yates_convictions", ContinuityCorrection.Yates)]
    [InlineData("chisq_plain_convictions", ContinuityCorrection.None)]
    [InlineData("chisq_hair_eye", ContinuityCorrection.Yates)]
    [InlineData("chisq_smokers", ContinuityCorrection.Yates)]
    public void Independence_RTables_MatchChisqTest(string key, ContinuityCorrection correction)
    {
        var g = Golden.GetProperty(key);
        var r = ChiSquareTest.Independence(g.GetProperty("table").Matrix(), correction);
        GoldenJson.Near(g.Number("statistic"), r.Statistic, 1e-12, what: "X2");
        Assert.Equal((int)g.Number("df"), r.Df);
        GoldenJson.Near(g.Number("p"), r.P, 1e-9, floor: 1e-12, what: "p");
    }

    [Fact]
    public void Independence_LargerThanTwoByTwo_IgnoresYatesAsR()
    {
        var r = ChiSquareTest.Independence(Golden.GetProperty("chisq_hair_eye").GetProperty("table").Matrix(), ContinuityCorrection.Yates);
        Assert.False(r.CorrectionApplied);
    }

    [Fact]
    public void Independence_ZeroRow_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ChiSquareTest.Independence([[0.0, 0.0], [1.0, 2.0]], ContinuityCorrection.None));
        Assert.Contains("sums to zero", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Independence_NegativeCount_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ChiSquareTest.Independence([[-1.0, 2.0], [1.0, 2.0]], ContinuityCorrection.None));
        Assert.Contains("≥ 0", e.Message, StringComparison.Ordinal);
    }
}
