using Trial.Analysis.Data;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Ols;

public class OlsPropertyTests
{
    private static readonly DataFrame Panel = SyntheticPanel.Create(60, 12, seed: 7);

    [Fact]
    public void PermutingRows_ChangesNothing()
    {
        var spec = ModelSpec.FromFormula("y ~ x1 + x2 + arm | person + month").WithCluster("person", "month");
        var a = OlsEstimator.Fit(spec, Panel).Infer(VcovSpec.Stata());
        var b = OlsEstimator.Fit(spec, SyntheticPanel.Permute(Panel, 3)).Infer(VcovSpec.Stata());
        Assert.Equal(a.Fit.Names, b.Fit.Names);
        for (var j = 0; j < a.Fit.Rank; j++)
        {
            Golden.AssertRelative(a.Fit.Coefficients[j], b.Fit.Coefficients[j], 1e-10, "β " + a.Fit.Names[j]);
            Golden.AssertRelative(a.StandardError(j), b.StandardError(j), 1e-9, "SE " + a.Fit.Names[j]);
        }
    }

    [Fact]
    public void AbsorbedFixedEffects_EqualExplicitDummies()
    {
        var absorbed = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 | person + month").WithCluster("centre"), Panel);
        var dummies = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 + factor(person) + factor(month)").WithCluster("centre"), Panel);
        var va = absorbed.Infer(VcovSpec.Stata());
        var vd = dummies.Infer(VcovSpec.Stata());
        foreach (var term in new[] { "x1", "x2" })
        {
            Golden.AssertRelative(dummies.Coefficients[dummies.IndexOf(term)], absorbed.Coefficients[absorbed.IndexOf(term)], 1e-9, "β " + term);
            Golden.AssertRelative(vd.StandardError(term), va.StandardError(term), 1e-8, "SE " + term);
        }
        Golden.AssertRelative(dummies.RSquared, absorbed.RSquared, 1e-10, "R²");
        Assert.Equal(dummies.ResidualDf, absorbed.ResidualDf);
    }

    [Fact]
    public void AbsorbedOneWayFixedEffect_Hc2EqualsExplicitDummies()
    {
        var absorbed = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 | person"), Panel).Infer(VcovSpec.Hetero(VcovKind.HC2));
        var dummies = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 + factor(person)"), Panel).Infer(VcovSpec.Hetero(VcovKind.HC2));
        Golden.AssertRelative(dummies.StandardError("x1"), absorbed.StandardError("x1"), 1e-8, "HC2 SE x1");
    }

    [Fact]
    public void Cr2WithSingletonClusters_EqualsHc2()
    {
        var rows = Panel.RowCount;
        var data = Panel.With(new NumericColumn("row", Enumerable.Range(0, rows).Select(i => (double)i).ToArray()));
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 + arm").WithCluster("row"), data);
        var cr2 = fit.Infer(VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension));
        var hc2 = fit.Infer(VcovSpec.Hetero(VcovKind.HC2));
        for (var j = 0; j < fit.Rank; j++)
        {
            Golden.AssertRelative(hc2.StandardError(j), cr2.StandardError(j), 1e-9, fit.Names[j]);
        }
    }

    [Fact]
    public void Weights_EqualReplicatedRows()
    {
        var data = DataFrame.FromNumeric(("y", [1, 3, 2, 5, 4]), ("x", [0, 1, 2, 3, 4]), ("w", [1, 2, 1, 1, 3]));
        var replicated = DataFrame.FromNumeric(("y", [1, 3, 3, 2, 5, 4, 4, 4]), ("x", [0, 1, 1, 2, 3, 4, 4, 4]));
        var weighted = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x").WithWeights("w"), data);
        var plain = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x"), replicated);
        Golden.AssertRelative(plain.Coefficients[1], weighted.Coefficients[1], 1e-12, "slope");
        Golden.AssertRelative(plain.Rss, weighted.Rss, 1e-12, "RSS");
    }

    [Fact]
    public void TimeInvariantRegressor_IsReportedCollinearWithFixedEffects()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + arm | person"), Panel);
        Assert.Equal(["x1"], fit.Names);
        Assert.Contains(fit.DroppedTerms, d => d.Name == "armusual" && d.Reason.Contains("fixed effects", StringComparison.Ordinal));
    }

    [Fact]
    public void Singletons_AreDroppedAndCounted()
    {
        var data = DataFrame.FromNumeric(("y", [1, 2, 3, 4, 5, 7]), ("x", [1, 3, 2, 5, 4, 1]), ("g", [1, 1, 2, 2, 2, 3]));
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x | g"), data);
        Assert.Equal((5, 1), (fit.N, fit.Design.Rows.SingletonsDropped));
        var kept = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x | g").WithSingletons(SingletonPolicy.Keep), data);
        Assert.Equal(6, kept.N);
        Assert.Equal(fit.Coefficients[0], kept.Coefficients[0], 12);
    }

    [Fact]
    public void SampleFilter_RestrictsRowsAndCountsThem()
    {
        var spec = ModelSpec.FromFormula("y ~ x1").Where(SampleCondition.Where("arm", FilterOperator.Equal, "IPS"));
        var fit = OlsEstimator.Fit(spec, Panel);
        var ips = Enumerable.Range(0, Panel.RowCount).Count(i => ((TextColumn)Panel["arm"]).Values[i] == "IPS");
        Assert.Equal((ips, Panel.RowCount - ips), (fit.N, fit.Design.Rows.Filtered));
    }

    [Fact]
    public void WaldEqualityAcrossCentres_IsAnFTestWithCentresMinusOneRestrictions()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + centre").WithCluster("person"), Panel);
        var test = fit.Infer(VcovSpec.Stata()).Test(LinearHypothesis.AllEqual("centreC1", "centreC2", "centreC3", "centreC4", "centreC5"));
        Assert.Equal(4, test.NumeratorDf);
        Assert.Equal(59, test.DenominatorDf);
        Assert.InRange(test.PValue, 0, 1);
    }
}
