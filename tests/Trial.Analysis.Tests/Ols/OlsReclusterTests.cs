using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Ols;

/// <summary>Re-clustering a fit (the plan's several cluster levels of one model) gives exactly the fit of the re-clustered spec.</summary>
public class OlsReclusterTests
{
    [Fact]
    public void Recluster_EqualsAFreshFit_UnderEveryVcov()
    {
        var data = Golden.Data("Grunfeld.csv");
        var byFirm = OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value + capital | year").WithCluster("firm"), data);
        var spec = ModelSpec.FromFormula("inv ~ value + capital | year").WithCluster("year");
        var reclustered = OlsEstimator.Recluster(byFirm, spec, data);
        var fresh = OlsEstimator.Fit(spec, data);
        Assert.Equal(fresh.Coefficients, reclustered.Coefficients);
        foreach (var vcov in new[] { VcovSpec.Stata(), VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension) })
        {
            var a = reclustered.Infer(vcov);
            var b = fresh.Infer(vcov);
            for (var j = 0; j < fresh.Rank; j++)
            {
                Assert.Equal(b.StandardError(j), a.StandardError(j), 14);
            }
        }
    }

    [Fact]
    public void Recluster_OfADifferentModel_FitsAgain()
    {
        var data = Golden.Data("Grunfeld.csv");
        var first = OlsEstimator.Fit(ModelSpec.FromFormula("inv ~ value").WithCluster("firm"), data);
        var other = OlsEstimator.Recluster(first, ModelSpec.FromFormula("inv ~ value + capital").WithCluster("year"), data);
        Assert.Equal(3, other.Rank);
    }
}
