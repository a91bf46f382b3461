using Trial.Analysis.Data;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.MixedModels;

public class MixedModelPropertyTests
{
    [Theory]
    [InlineData("sleepstudy", "Reaction ~ Days + (Days | Subject)")]
    [InlineData("Penicillin", "diameter ~ 1 + (1 | plate) + (1 | sample)")]
    [InlineData("Pastes", "strength ~ 1 + (1 | batch/cask)")]
    public void Fit_RowsPermuted_GivesTheSameEstimates(string dataset, string formula)
    {
        var data = Golden.Data($"mixed/{dataset}.csv");
        var permutation = Enumerable.Range(0, data.RowCount).OrderBy(i => (i * 7919L + 13) % data.RowCount).ToArray();
        var permuted = new DataFrame(data.Columns.Select(c => Permute(c, permutation)));
        var spec = ModelSpec.FromFormula(formula);
        var a = MixedModelEstimator.Fit(spec, data, LmmCriterion.Reml);
        var b = MixedModelEstimator.Fit(spec, permuted, LmmCriterion.Reml);
        // Level order (hence the optimiser path) can change with row order, so the optimum agrees to optimiser precision.
        Golden.AssertRelative(a.CriterionValue, b.CriterionValue, 1e-10, "criterion");
        for (var i = 0; i < a.Coefficients.Length; i++)
        {
            Golden.AssertRelative(a.Coefficients[i], b.Coefficients[i], 1e-7, "β");
            Golden.AssertRelative(Math.Sqrt(a.Vcov[i, i]), Math.Sqrt(b.Vcov[i, i]), 1e-6, "SE");
        }
        Golden.AssertRelative(a.Sigma, b.Sigma, 1e-6, "σ");
    }

    [Fact]
    public void Fit_DoubleBarSyntax_EqualsSeparateUncorrelatedTerms()
    {
        // (Days || Subject) is lme4 shorthand for (1 | Subject) + (0 + Days | Subject).
        var data = Golden.Data("mixed/sleepstudy.csv");
        var shorthand = MixedModelEstimator.Fit(ModelSpec.FromFormula("Reaction ~ Days + (Days || Subject)"), data, LmmCriterion.Reml);
        // Source: reference/mixed/sleepstudy_uncorrelated_reml.json (tight lme4 REML criterion).
        var expected = MixedModelCases.Expected("sleepstudy_uncorrelated_reml").Number("criterion");
        Golden.AssertRelative(expected, shorthand.CriterionValue, 1e-9, "REML criterion");
    }

    private static DataColumn Permute(DataColumn column, int[] order) => column switch
    {
        NumericColumn n => new NumericColumn(n.Name, [.. order.Select(i => n.Values[i])]),
        TextColumn t => new TextColumn(t.Name, [.. order.Select(i => t.Values[i])]),
        _ => throw new InvalidOperationException(),
    };
}
