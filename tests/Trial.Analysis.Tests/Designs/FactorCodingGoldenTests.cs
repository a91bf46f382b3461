using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Designs;

/// <summary>Factor coding, interactions, missing rows and collinearity against lm (reference/design_factors.R).</summary>
public class FactorCodingGoldenTests
{
    private const string File = "design_factors.csv";

    private static void AssertCoefficients(OlsFit fit, string dataset, string model)
    {
        foreach (var term in fit.Names)
        {
            Golden.AssertRelative(Golden.Value(File, dataset, model, "coef", term), fit.Coefficients[fit.IndexOf(term)], 1e-9, term);
        }
    }

    [Fact]
    public void TextFactorsWithInteraction_MatchLmNamesAndEstimates()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("breaks ~ wool * tension").WithReference("tension", "L"), Golden.Data("warpbreaks.csv"));
        Assert.Equal(["(Intercept)", "woolB", "tensionH", "tensionM", "woolB:tensionH", "woolB:tensionM"], fit.Names);
        AssertCoefficients(fit, "warpbreaks", "breaks~wool*relevel(tension,L)");
        var inference = fit.Infer(VcovSpec.Iid());
        foreach (var term in fit.Names)
        {
            Golden.AssertRelative(Golden.Value(File, "warpbreaks", "breaks~wool*relevel(tension,L)", "se_iid", term), inference.StandardError(term), 1e-9, term);
        }
    }

    [Fact]
    public void RelevelInFormula_SetsReferenceLevel()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("breaks ~ wool * relevel(tension, \"L\")"), Golden.Data("warpbreaks.csv"));
        AssertCoefficients(fit, "warpbreaks", "breaks~wool*relevel(tension,L)");
    }

    [Fact]
    public void NumericByFactorWithoutMainEffect_UsesFullIndicatorCoding()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("breaks ~ wool + x:wool"), Golden.Data("warpbreaks_x.csv"));
        Assert.Equal(["(Intercept)", "woolB", "woolA:x", "woolB:x"], fit.Names);
        AssertCoefficients(fit, "warpbreaks", "breaks~wool+x:wool");
    }

    [Fact]
    public void MissingCells_RowsDroppedAndCounted()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("Ozone ~ Solar.R + Wind + factor(Month)"), Golden.Data("airquality.csv"));
        const string model = "Ozone~Solar.R+Wind+factor(Month)";
        Assert.Equal(Golden.Value(File, "airquality", model, "n", "n"), fit.N);
        Assert.Equal(Golden.Value(File, "airquality", model, "n", "dropped"), fit.Design.Rows.MissingDropped);
        AssertCoefficients(fit, "airquality", model);
        Golden.AssertRelative(Golden.Value(File, "airquality", model, "r2", "r2"), fit.RSquared, 1e-9, "R²");
    }

    [Fact]
    public void CollinearColumn_IsDroppedByNameLikeLm()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ a + b + c"), Golden.Data("collinear.csv"));
        Assert.Equal(["(Intercept)", "a", "b"], fit.Names);
        var dropped = Assert.Single(fit.DroppedTerms);
        Assert.Equal("c", dropped.Name);
        AssertCoefficients(fit, "collinear", "y~a+b+c");
    }
}
