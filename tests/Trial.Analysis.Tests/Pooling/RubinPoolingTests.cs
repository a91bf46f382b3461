using Trial.Analysis.Pooling;

namespace Trial.Analysis.Tests.Pooling;

public class RubinPoolingTests
{
    // Source: analysis-reference.md §1d, mice 3.15.0 pool(), mice(nhanes, m = 5, seed = 123), lm(chl ~ age + bmi), coefficient bmi.
    private static readonly double[] BmiQ = [3.15762876, 4.295283764, 6.228300926, 6.423453945, 4.795225594];
    private static readonly double[] BmiU = [3.16884765, 2.725063074, 4.108278770, 2.921116153, 2.840901773];

    [Fact]
    public void Pool_NhanesBmiAnchor_MatchesMiceDf()
    {
        var r = RubinPooling.Pool(BmiQ, BmiU, completeDataDf: 22);
        // Source: §1d anchor ν = 7.835030651 (inputs rounded to 10 digits, hence 1e-7).
        GoldenJson.Near(7.835030651, r.Df, 1e-7, what: "df");
    }

    [Fact]
    public void Pool_NhanesBmiAnchor_MatchesMiceVariances()
    {
        var r = RubinPooling.Pool(BmiQ, BmiU, completeDataDf: 22);
        // Source: §1d anchors Q̄ 4.979978598, Ū 3.152841484, B 1.866457333, T 5.392590283, SE 2.322195143.
        GoldenJson.Near(4.979978598, r.Estimate, 1e-8, what: "qbar");
        GoldenJson.Near(3.152841484, r.WithinVariance, 1e-8, what: "ubar");
        GoldenJson.Near(1.866457333, r.BetweenVariance, 1e-8, what: "b");
        GoldenJson.Near(5.392590283, r.TotalVariance, 1e-8, what: "t");
        GoldenJson.Near(2.322195143, r.StandardError, 1e-8, what: "se");
    }

    [Fact]
    public void Pool_NhanesBmiAnchor_MatchesMiceFractions()
    {
        var r = RubinPooling.Pool(BmiQ, BmiU, completeDataDf: 22);
        // Source: §1d anchors riv 0.7103905511, λ 0.4153382107, fmi 0.5232588633, p 0.06503536620.
        GoldenJson.Near(0.7103905511, r.RelativeIncreaseInVariance, 1e-8, what: "riv");
        GoldenJson.Near(0.4153382107, r.Lambda, 1e-8, what: "lambda");
        GoldenJson.Near(0.5232588633, r.FractionMissingInformation, 1e-7, what: "fmi");
        GoldenJson.Near(0.06503536620, r.P, 1e-7, what: "p");
    }

    [Fact]
    public void Pool_AllNhanesCoefficients_MatchGoldenFile()
    {
        // Source: reference/pooling.R (mice 3.15.0) -> pooling/nhanes.json, all three coefficients, full precision.
        var g = GoldenJson.Load("pooling/nhanes.json");
        var q = g.GetProperty("Q").Matrix();
        var u = g.GetProperty("U").Matrix();
        for (var j = 0; j < q[0].Length; j++)
        {
            var r = RubinPooling.Pool([.. q.Select(row => row[j])], [.. u.Select(row => row[j])], g.Number("dfcom"));
            GoldenJson.Near(g.GetProperty("qbar").Doubles()[j], r.Estimate, 1e-12, what: "qbar");
            GoldenJson.Near(g.GetProperty("t").Doubles()[j], r.TotalVariance, 1e-12, what: "t");
            GoldenJson.Near(g.GetProperty("df").Doubles()[j], r.Df, 1e-12, what: "df");
            GoldenJson.Near(g.GetProperty("fmi").Doubles()[j], r.FractionMissingInformation, 1e-12, what: "fmi");
            GoldenJson.Near(g.GetProperty("p").Doubles()[j], r.P, 1e-9, what: "p");
            GoldenJson.Near(g.GetProperty("lower").Doubles()[j], r.Lower, 1e-9, what: "lower");
            GoldenJson.Near(g.GetProperty("upper").Doubles()[j], r.Upper, 1e-9, what: "upper");
        }
    }

    [Fact]
    public void Pool_InfiniteCompleteDataDf_UsesRubinOldDf()
    {
        var r = RubinPooling.Pool(BmiQ, BmiU, double.PositiveInfinity);
        GoldenJson.Near(4 / (r.Lambda * r.Lambda), r.Df, 1e-12, what: "df");
    }

    [Fact]
    public void Pool_OneImputation_IsRejectedNamingTheRule()
    {
        var e = Assert.Throws<ArgumentException>(() => RubinPooling.Pool([1.0], [1.0], 10));
        Assert.Contains("at least 2 imputations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pool_MismatchedLengths_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RubinPooling.Pool([1.0, 2.0], [1.0], 10));
        Assert.Equal("variances", e.ParamName);
    }

    [Fact]
    public void Pool_NegativeVariance_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RubinPooling.Pool([1.0, 2.0], [1.0, -1.0], 10));
        Assert.Equal("variances", e.ParamName);
    }
}
