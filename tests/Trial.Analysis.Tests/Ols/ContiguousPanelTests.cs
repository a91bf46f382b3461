using Trial.Analysis.Data;
using Trial.Analysis.Numerics;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Ols;

/// <summary>
/// A panel stored person by person takes the fused two-way demeaning and, when well conditioned, the Cholesky solve;
/// the same rows shuffled take the general alternating projections and Householder QR. Both must give the same fit,
/// balanced or not, and the fast path must hand ill-conditioned or collinear designs to QR.
/// </summary>
public class ContiguousPanelTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SortedPanel_EqualsShuffledPanel(bool unbalanced)
    {
        var panel = SyntheticPanel.Create(80, 10, seed: 11, unbalanced);
        AssertSameFit("y ~ x1 + x2 + arm | person + month", panel, 1e-10);
    }

    [Fact]
    public void BalancedSortedPanel_ConvergesInOneSweep()
    {
        var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + x2 | person + month"), SyntheticPanel.Create(50, 8, seed: 3, unbalanced: false));
        Assert.True(fit.Absorption.Converged);
        Assert.Equal(1, fit.Absorption.MaxIterations);
    }

    [Fact]
    public void NearlyCollinearRegressors_FallBackToQr_AndAgree()
    {
        var panel = SyntheticPanel.Create(80, 10, seed: 5, unbalanced: false);
        var x1 = panel.Numeric("x1").Values;
        var noise = new Random(9);
        // x3 ≈ x1: the scaled design's condition number is ~10⁴, beyond the Cholesky limit, so both orders use QR.
        var near = panel.With(new NumericColumn("x3", x1.Select(v => v + 1e-4 * (noise.NextDouble() - 0.5)).ToArray()));
        AssertSameFit("y ~ x1 + x2 + x3 | person + month", near, 1e-6);
    }

    [Fact]
    public void ColumnCollinearWithTheFixedEffects_IsDroppedAsBefore()
    {
        var panel = SyntheticPanel.Create(40, 6, seed: 8, unbalanced: false);
        var sorted = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x1 + arm | person + month"), panel);
        Assert.Contains(sorted.DroppedTerms, d => d.Name == "armusual" && d.Reason == "collinear with the fixed effects");
        Assert.Equal(["x1"], sorted.Names);
    }

    [Fact]
    public void CrossProductSolve_RefusesIllConditionedDesigns_AndMatchesQrOtherwise()
    {
        var random = new Random(4);
        var a = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var b = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        var y = a.Zip(b, (u, v) => 1 + 2 * u - v + random.NextDouble()).ToArray();
        double[] CrossProducts(double[][] columns)
        {
            var all = columns.Append(y).ToArray();
            var q = all.Length;
            var g = new double[q * q];
            for (var i = 0; i < q; i++)
            {
                for (var j = 0; j < q; j++) { g[i * q + j] = all[i].Zip(all[j], (u, v) => u * v).Sum(); }
            }
            return g;
        }
        var good = new[] { a, b };
        var cholesky = LeastSquares.TrySolveFromCrossProducts(CrossProducts(good), 2);
        var qr = LeastSquares.Solve(good, y, null);
        Assert.NotNull(cholesky);
        for (var j = 0; j < 2; j++) { Golden.AssertRelative(qr.Beta[j], cholesky.Beta[j], 1e-12, "β" + j); }
        var nearlySame = new[] { a, a.Select((v, i) => v + 1e-6 * b[i]).ToArray() };
        Assert.Null(LeastSquares.TrySolveFromCrossProducts(CrossProducts(nearlySame), 2));
    }

    [Fact]
    public void Summary_NamesTheSolverThatWasUsed()
    {
        var spec = ModelSpec.FromFormula("y ~ x1 + x2 | person + month").WithCluster("person");
        var panel = SyntheticPanel.Create(60, 8, seed: 12, unbalanced: false);
        var sorted = OlsEstimator.Fit(spec, panel);
        var shuffled = OlsEstimator.Fit(spec, SyntheticPanel.Permute(panel, 2));
        Assert.Equal((LeastSquaresMethod.CholeskyOfCrossProducts, LeastSquaresMethod.HouseholderQr), (sorted.Method, shuffled.Method));
        Assert.Contains(sorted.Infer(VcovSpec.Stata()).Summarise().Conventions, c => c.StartsWith("solver: Cholesky of X'X", StringComparison.Ordinal));
        Assert.Contains(shuffled.Infer(VcovSpec.Stata()).Summarise().Conventions, c => c.StartsWith("solver: Householder QR", StringComparison.Ordinal));
    }

    [Fact]
    public void RunStarts_RequireEachLevelInOneRun()
    {
        Assert.Equal([0, 2, 5, 6], ContiguousTwoWayDemeaning.RunStarts([1, 1, 0, 0, 0, 2], 3)!);
        Assert.Null(ContiguousTwoWayDemeaning.RunStarts([1, 1, 0, 1, 2, 2], 3));
    }

    private static void AssertSameFit(string formula, DataFrame panel, double tolerance)
    {
        var spec = ModelSpec.FromFormula(formula).WithCluster("person");
        var sorted = OlsEstimator.Fit(spec, panel).Infer(VcovSpec.Stata());
        var shuffled = OlsEstimator.Fit(spec, SyntheticPanel.Permute(panel, 2)).Infer(VcovSpec.Stata());
        Assert.Equal(shuffled.Fit.Names, sorted.Fit.Names);
        for (var j = 0; j < sorted.Fit.Rank; j++)
        {
            Golden.AssertRelative(shuffled.Fit.Coefficients[j], sorted.Fit.Coefficients[j], tolerance, "β " + sorted.Fit.Names[j]);
            Golden.AssertRelative(shuffled.StandardError(j), sorted.StandardError(j), tolerance, "SE " + sorted.Fit.Names[j]);
        }
        Golden.AssertRelative(shuffled.Fit.RSquared, sorted.Fit.RSquared, 1e-10, "R²");
    }
}
