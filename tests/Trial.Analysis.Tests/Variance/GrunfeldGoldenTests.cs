using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Variance;

/// <summary>plm::Grunfeld, lm(inv ~ value + capital) and firm (+ year) fixed effects: golden values from reference/ols_sandwich.R.</summary>
public class GrunfeldGoldenTests
{
    private const string File = "ols_sandwich.csv";
    private const string Pooled = "inv~value+capital";
    private static readonly Lazy<OlsFit> FitPooled = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital").WithCluster("firm"), Golden.Data("Grunfeld.csv")));
    private static readonly Lazy<OlsFit> FitTwoWay = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital").WithCluster("firm", "year"), Golden.Data("Grunfeld.csv")));
    private static readonly Lazy<OlsFit> FitFirmFe = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital | firm").WithCluster("firm"), Golden.Data("Grunfeld.csv")));
    private static readonly Lazy<OlsFit> FitFirmYearFe = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital | firm + year").WithCluster("firm"), Golden.Data("Grunfeld.csv")));

    private static void AssertSe(OlsFit fit, string model, VcovSpec spec, string quantity, double tolerance = 1e-8)
    {
        var inference = fit.Infer(spec);
        foreach (var term in fit.Names)
        {
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", model, quantity, term), inference.StandardError(term), tolerance, $"{quantity} {term}");
        }
    }

    [Fact]
    public void Pooled_CoefficientsMatchLm()
    {
        foreach (var term in FitPooled.Value.Names)
        {
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", Pooled, "coef", term), FitPooled.Value.Coefficients[FitPooled.Value.IndexOf(term)], 1e-10, term);
        }
    }

    [Theory]
    [InlineData(VcovKind.HC0)]
    [InlineData(VcovKind.HC1)]
    [InlineData(VcovKind.HC2)]
    [InlineData(VcovKind.HC3)]
    public void Pooled_HeteroMatchesVcovHC(VcovKind kind) => AssertSe(FitPooled.Value, Pooled, VcovSpec.Hetero(kind), "se_" + kind);

    [Fact]
    public void Pooled_Cr1sByFirmMatchesStataFixture() => AssertSe(FitPooled.Value, Pooled, VcovSpec.Stata(), "se_CR1S_firm");

    [Fact]
    public void Pooled_Cr1sByFirm_MatchesStataPublishedSe()
    {
        // Stata `regress invest mvalue kstock, vce(cluster company)`: statsmodels results_grunfeld_ols_robust_cluster.py [P]
        var inference = FitPooled.Value.Infer(VcovSpec.Stata());
        Golden.AssertRelative(0.01589433647768, inference.StandardError("value"), 1e-7, "Stata SE(value)");
        Golden.AssertRelative(0.08496711097464, inference.StandardError("capital"), 1e-7, "Stata SE(capital)");
        Assert.Equal(9, inference.Df[0]);
    }

    [Fact]
    public void Pooled_Cr1ByFirmMatchesClubSandwich() =>
        AssertSe(FitPooled.Value, Pooled, VcovSpec.Cluster(VcovKind.CR1, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension), "se_CR1_firm");

    [Fact]
    public void Pooled_Cr2ByFirmSeAndDfMatchClubSandwich()
    {
        var inference = FitPooled.Value.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension));
        for (var j = 0; j < inference.Fit.Rank; j++)
        {
            var term = inference.Fit.Names[j];
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", Pooled, "se_CR2_firm", term), inference.StandardError(j), 1e-8, $"se {term}");
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", Pooled, "df_CR2_firm", term), inference.Df[j], 1e-8, $"df {term}");
        }
    }

    [Fact]
    public void TwoWayPerDimension_MatchesVcovCl() => AssertSe(FitTwoWay.Value, Pooled, VcovSpec.Stata(), "se_CR1S_firm_year_perdim");

    [Fact]
    public void TwoWayMinG_MatchesIvreg2SmallFixture()
    {
        AssertSe(FitTwoWay.Value, Pooled, VcovSpec.Cluster(VcovKind.CR1S, FixedEffectCounting.Full, MultiwayAdjustment.MinG), "se_CR1S_firm_year_ming");
        // Stata `ivreg2 ..., cluster(company time) small` fixture [P] (analysis-reference.md §1a)
        Golden.AssertRelative(0.01635175387097, FitTwoWay.Value.Infer(VcovSpec.Fixest()).StandardError("value"), 1e-7, "ivreg2 SE(value)");
    }

    [Fact]
    public void WaldJointTest_MatchesHandComputedF()
    {
        var test = FitPooled.Value.Infer(VcovSpec.Stata()).Test(LinearHypothesis.AllZero("value", "capital"));
        Golden.AssertRelative(Golden.Value(File, "Grunfeld", Pooled, "wald_value_capital_CR1S_firm", "F"), test.F, 1e-8, "F");
        Golden.AssertRelative(Golden.Value(File, "Grunfeld", Pooled, "wald_value_capital_CR1S_firm", "p"), test.PValue, 1e-6, "p");
        Assert.Equal((2, 9.0), (test.NumeratorDf, test.DenominatorDf));
    }

    [Fact]
    public void FirmFe_CoefficientsMatchLmDummies()
    {
        foreach (var term in new[] { "value", "capital" })
        {
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", "inv~value+capital|firm", "coef", term), FitFirmFe.Value.Coefficients[FitFirmFe.Value.IndexOf(term)], 1e-9, term);
        }
    }

    [Fact]
    public void FirmFe_IidAndHc1MatchLmDummies()
    {
        AssertSe(FitFirmFe.Value, "inv~value+capital|firm", VcovSpec.Iid(), "se_iid");
        AssertSe(FitFirmFe.Value, "inv~value+capital|firm", VcovSpec.Hetero(VcovKind.HC1), "se_HC1");
    }

    [Fact]
    public void FirmFe_FullKMatchesLmDummiesVcovCl() => AssertSe(FitFirmFe.Value, "inv~value+capital|firm", VcovSpec.Stata(), "se_CR1S_firm_fullK");

    [Fact]
    public void FirmFe_NestedKMatchesFixestConvention() =>
        AssertSe(FitFirmFe.Value, "inv~value+capital|firm", VcovSpec.Fixest(), "se_CR1S_firm_nestedK");

    [Fact]
    public void FirmFe_Cr2AndSatterthwaiteDfMatchClubSandwichWithDummies()
    {
        var inference = FitFirmFe.Value.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension));
        for (var j = 0; j < inference.Fit.Rank; j++)
        {
            var term = inference.Fit.Names[j];
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", "inv~value+capital|firm", "se_CR2_firm", term), inference.StandardError(j), 1e-8, $"se {term}");
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", "inv~value+capital|firm", "df_CR2_firm", term), inference.Df[j], 1e-8, $"df {term}");
        }
    }

    [Fact]
    public void Cr2WithFixedEffectNotNestedInClusters_IsRejected() =>
        Assert.Throws<ModelInputException>(() => FitFirmYearFe.Value.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension)));

    [Fact]
    public void FirmFe_RSquaredAndWithinRSquaredMatchLm()
    {
        Golden.AssertRelative(Golden.Value(File, "Grunfeld", "inv~value+capital|firm", "r2", "r2"), FitFirmFe.Value.RSquared, 1e-9, "R²");
        Golden.AssertRelative(Golden.Value(File, "Grunfeld", "inv~value+capital|firm", "within_r2", "within_r2"), FitFirmFe.Value.WithinRSquared, 1e-9, "within R²");
    }

    [Fact]
    public void FirmYearFe_BothKConventionsMatchR()
    {
        const string model = "inv~value+capital|firm+year";
        foreach (var term in new[] { "value", "capital" })
        {
            Golden.AssertRelative(Golden.Value(File, "Grunfeld", model, "coef", term), FitFirmYearFe.Value.Coefficients[FitFirmYearFe.Value.IndexOf(term)], 1e-9, term);
        }
        AssertSe(FitFirmYearFe.Value, model, VcovSpec.Stata(), "se_CR1S_firm_fullK");
        AssertSe(FitFirmYearFe.Value, model, VcovSpec.Cluster(VcovKind.CR1S, FixedEffectCounting.ExcludeNested, MultiwayAdjustment.MinG), "se_CR1S_firm_nestedK");
    }
}
