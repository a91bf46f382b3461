using Trial.Analysis.Run;

namespace Trial.Analysis.Tests.Run;

/// <summary>
/// The fidelity meta-regression against metafor's rma(method = "FE") on the published BCG vaccine trials
/// (reference/fidelity_metaregression.R): the same estimator with latitude as the moderator.
/// </summary>
public class FidelityMetaRegressionTest
{
    [Fact]
    public void MatchesMetaforFixedEffect_OnTheBcgTrials()
    {
        var golden = GoldenJson.Load("fidelity_metaregression.json");
        var (y, se, x) = (golden.GetProperty("yi").Doubles(), golden.GetProperty("sei").Doubles(), golden.GetProperty("ablat").Doubles());
        var fit = FidelityMetaRegression.Fit([.. y.Select((v, i) => (v, se[i], x[i]))])!;
        Assert.Equal(13, fit.Centres);
        GoldenJson.Near(golden.Number("intercept"), fit.Intercept, 1e-10, what: "intercept");
        GoldenJson.Near(golden.Number("slope"), fit.Slope, 1e-10, what: "slope");
        GoldenJson.Near(golden.Number("se"), fit.SlopeStdError, 1e-10, what: "se");
        GoldenJson.Near(golden.Number("z"), fit.Z, 1e-10, what: "z");
        GoldenJson.Near(golden.Number("p"), fit.PValue, 1e-6, what: "p");
        GoldenJson.Near(golden.Number("ci_lb"), fit.ConfLow, 1e-10, what: "ci_lb");
        GoldenJson.Near(golden.Number("ci_ub"), fit.ConfHigh, 1e-10, what: "ci_ub");
        GoldenJson.Near(golden.Number("QE"), fit.ResidualQ, 1e-10, what: "QE");
        GoldenJson.Near(golden.Number("QEp"), fit.ResidualQPValue, 1e-8, what: "QEp");
    }

    [Fact]
    public void TooFewCentres_OrNoSpreadInFidelity_GiveNoFit()
    {
        Assert.Null(FidelityMetaRegression.Fit([(0.1, 0.05, 100), (0.2, 0.05, 110)]));
        Assert.Null(FidelityMetaRegression.Fit([(0.1, 0.05, 100), (0.2, 0.05, 100), (0.15, 0.04, 100)]));
        Assert.NotNull(FidelityMetaRegression.Fit([(0.1, 0.05, 100), (0.2, 0.05, 110), (0.15, 0.04, 90)]));
    }
}
