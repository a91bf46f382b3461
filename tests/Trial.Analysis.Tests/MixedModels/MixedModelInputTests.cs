using Trial.Analysis.Data;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.MixedModels;

public class MixedModelInputTests
{
    private static DataFrame Sleep => Golden.Data("mixed/sleepstudy.csv");

    [Fact]
    public void Fit_NoRandomEffects_IsRejectedPointingToOls()
    {
        var e = Assert.Throws<ModelInputException>(() => MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days"), Sleep, LmmCriterion.Reml));
        Assert.Contains("no random-effects term", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_Weights_AreRejected()
    {
        var spec = ModelSpec.FromFormula("Reaction ~ Days + (1 | Subject)").WithWeights("Days");
        var e = Assert.Throws<ModelInputException>(() => MixedModelEstimator.Fit(spec, Sleep, LmmCriterion.Reml));
        Assert.StartsWith("weights:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AbsorbedFixedEffects_AreRejected()
    {
        var e = Assert.Throws<ModelInputException>(() => MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + (1 | Subject) | Subject"), Sleep, LmmCriterion.Reml));
        Assert.Contains("absorbed fixed effects", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_TextSlope_IsRejectedNamingTheSlope()
    {
        var sleep = Sleep;
        var shift = new TextColumn("Shift", [.. Enumerable.Range(0, sleep.RowCount).Select(i => i % 2 == 0 ? "day" : "night")]);
        var e = Assert.Throws<ModelInputException>(() => MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + (Shift | Subject)"), sleep.With(shift), LmmCriterion.Reml));
        Assert.Contains("'Shift'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_MissingOutcomes_AreDroppedAndCounted()
    {
        var sleep = Sleep;
        var y = (double[])sleep.Numeric("Reaction").Values.Clone();
        y[0] = double.NaN;
        y[17] = double.NaN;
        var fit = MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + (Days | Subject)"), sleep.With(new NumericColumn("Reaction", y)), LmmCriterion.Reml);
        Assert.Equal(178, fit.N);
        Assert.Equal(2, fit.Design.Rows.MissingDropped);
    }

    [Fact]
    public void Fit_CollinearFixedEffect_IsDroppedByName()
    {
        var sleep = Sleep;
        var twice = sleep.Numeric("Days").Values.Select(d => 2 * d).ToArray();
        var fit = MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + Days2 + (1 | Subject)"), sleep.With(new NumericColumn("Days2", twice)), LmmCriterion.Reml);
        Assert.Equal(["Days2"], fit.DroppedTerms);
    }

    [Fact]
    public void IndexOf_UnknownCoefficient_NamesTheCoefficients()
    {
        var fit = MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + (1 | Subject)"), Sleep, LmmCriterion.Reml);
        var e = Assert.Throws<ModelInputException>(() => fit.IndexOf("arm"));
        Assert.Contains("(Intercept), Days", e.Message, StringComparison.Ordinal);
    }
}
