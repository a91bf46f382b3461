using Trial.Analysis.Bootstrap;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.Bootstrap;

/// <summary>WCR bootstrap against a brute-force R enumeration (reference/wild_bootstrap.R: lm refits + vcovCL, all 1024 sign vectors).</summary>
public class WildClusterBootstrapTests
{
    private static readonly Lazy<OlsFit> Fit = new(() => OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital").WithCluster("firm"), Golden.Data("Grunfeld.csv")));

    [Theory]
    [InlineData("capital", 0.0)]
    [InlineData("capital", 0.2)]
    [InlineData("value", 0.0)]
    public void RademacherFullEnumeration_MatchesBruteForceR(string term, double nullValue)
    {
        var result = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec(term, nullValue, BootstrapWeights.Rademacher, 9999, Seed: 1));
        Assert.True(result.FullEnumeration);
        Assert.Equal(1024, result.Replications);
        var key = nullValue == 0 ? "0" : "0.2";
        Assert.Equal(Golden.Value("wild_bootstrap.csv", "Grunfeld", "inv~value+capital", "wcr_p_null_" + key, term), result.PValue, 12);
        Golden.AssertRelative(Golden.Value("wild_bootstrap.csv", "Grunfeld", "inv~value+capital", "t_null_" + key, term), result.TStatistic, 1e-8, "t");
    }

    [Fact]
    public void ConfidenceInterval_ContainsEstimateAndHasPAtAlphaOnItsBounds()
    {
        var result = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", 0, BootstrapWeights.Rademacher, 9999, Seed: 1));
        Assert.InRange(result.Estimate, result.ConfLow, result.ConfHigh);
        var justInside = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", result.ConfHigh - 1e-6, BootstrapWeights.Rademacher, 9999, Seed: 1));
        var justOutside = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", result.ConfHigh + 1e-6, BootstrapWeights.Rademacher, 9999, Seed: 1));
        Assert.True(justInside.PValue > 0.05);
        Assert.True(justOutside.PValue <= 0.05);
    }

    [Fact]
    public void WebbDraws_AreDeterministicGivenSeed()
    {
        var a = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", 0, BootstrapWeights.Webb, 999, Seed: 42));
        var b = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", 0, BootstrapWeights.Webb, 999, Seed: 42));
        Assert.False(a.FullEnumeration);
        Assert.Equal(a, b);
    }

    [Fact]
    public void WebbDraws_GiveSimilarPValueToEnumeration()
    {
        var webb = WildClusterBootstrap.Run(Fit.Value, new WildBootstrapSpec("capital", 0, BootstrapWeights.Webb, 4999, Seed: 7));
        Assert.InRange(webb.PValue, 0.005, 0.08);
    }

    [Fact]
    public void WithoutCluster_IsRejected()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital"), Golden.Data("Grunfeld.csv"));
        Assert.Throws<ModelInputException>(() => WildClusterBootstrap.Run(fit, new WildBootstrapSpec("capital", 0, BootstrapWeights.Rademacher, 999, 1)));
    }
}
