using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Variance;

/// <summary>sandwich::PetersenCL, lm(y ~ x): golden values from reference/ols_sandwich.R (sandwich 3.0-2, clubSandwich 0.5.8).</summary>
public class PetersenClGoldenTests
{
    private const string File = "ols_sandwich.csv";
    private const double Tolerance = 1e-8;
    private static readonly Lazy<OlsFit> FitFirm = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x").WithCluster("firm"), Golden.Data("PetersenCL.csv")));
    private static readonly Lazy<OlsFit> FitYear = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x").WithCluster("year"), Golden.Data("PetersenCL.csv")));
    private static readonly Lazy<OlsFit> FitTwoWay = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x").WithCluster("firm", "year"), Golden.Data("PetersenCL.csv")));

    private static void AssertSe(OlsFit fit, VcovSpec spec, string quantity)
    {
        var inference = fit.Infer(spec);
        foreach (var term in fit.Names)
        {
            Golden.AssertRelative(Golden.Value(File, "PetersenCL", "y~x", quantity, term), inference.StandardError(term), Tolerance, $"{quantity} {term}");
        }
    }

    [Fact]
    public void Coefficients_MatchLm()
    {
        var fit = FitFirm.Value;
        foreach (var term in fit.Names)
        {
            Golden.AssertRelative(Golden.Value(File, "PetersenCL", "y~x", "coef", term), fit.Coefficients[fit.IndexOf(term)], 1e-10, term);
        }
    }

    [Fact]
    public void Iid_MatchesVcovLm() => AssertSe(FitFirm.Value, VcovSpec.Iid(), "se_iid");

    [Theory]
    [InlineData(VcovKind.HC0)]
    [InlineData(VcovKind.HC1)]
    [InlineData(VcovKind.HC2)]
    [InlineData(VcovKind.HC3)]
    public void Hetero_MatchesVcovHC(VcovKind kind) => AssertSe(FitFirm.Value, VcovSpec.Hetero(kind), "se_" + kind);

    [Fact]
    public void Cr1sByFirm_MatchesVcovClDefault() => AssertSe(FitFirm.Value, VcovSpec.Stata(), "se_CR1S_firm");

    [Fact]
    public void Cr0ByFirm_MatchesVcovClWithoutAdjustment() =>
        AssertSe(FitFirm.Value, VcovSpec.Cluster(VcovKind.CR0, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension), "se_CR0_firm");

    [Fact]
    public void Cr1ByFirm_MatchesClubSandwichCr1() =>
        AssertSe(FitFirm.Value, VcovSpec.Cluster(VcovKind.CR1, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension), "se_CR1_firm");

    [Fact]
    public void Cr2ByFirm_MatchesClubSandwichCr2() =>
        AssertSe(FitFirm.Value, VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension), "se_CR2_firm");

    [Fact]
    public void Cr2ByFirm_SatterthwaiteDfMatchClubSandwich()
    {
        var inference = FitFirm.Value.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension));
        for (var j = 0; j < inference.Fit.Rank; j++)
        {
            var term = inference.Fit.Names[j];
            Golden.AssertRelative(Golden.Value(File, "PetersenCL", "y~x", "df_CR2_firm", term), inference.Df[j], 1e-8, $"df {term}");
        }
    }

    [Fact]
    public void Cr2ByYear_SeAndDfMatchClubSandwich()
    {
        var inference = FitYear.Value.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension));
        for (var j = 0; j < inference.Fit.Rank; j++)
        {
            var term = inference.Fit.Names[j];
            Golden.AssertRelative(Golden.Value(File, "PetersenCL", "y~x", "se_CR2_year", term), inference.StandardError(j), Tolerance, $"se {term}");
            Golden.AssertRelative(Golden.Value(File, "PetersenCL", "y~x", "df_CR2_year", term), inference.Df[j], 1e-8, $"df {term}");
        }
    }

    [Fact]
    public void TwoWayPerDimension_MatchesVcovClDefault() => AssertSe(FitTwoWay.Value, VcovSpec.Stata(), "se_CR1S_firm_year_perdim");

    [Fact]
    public void TwoWayMinG_MatchesFixestConvention() =>
        AssertSe(FitTwoWay.Value, VcovSpec.Cluster(VcovKind.CR1S, FixedEffectCounting.Full, MultiwayAdjustment.MinG), "se_CR1S_firm_year_ming");

    [Fact]
    public void ClusteredDf_IsClustersMinusOne()
    {
        var inference = FitYear.Value.Infer(VcovSpec.Stata());
        Assert.All(inference.Df, df => Assert.Equal(9, df));
    }
}
