using Trial.Analysis.Data;
using Trial.Analysis.Numerics;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Ols;

/// <summary>
/// Several outcomes on one design (the plan's per-outcome frames): outcomes observed on the same rows share the design
/// and one factorisation of X, and every number is exactly (bit for bit) what fitting each frame alone gives.
/// </summary>
public class OutcomesOnOneDesignTests
{
    [Fact]
    public void SolveMany_GivesEachOutcomeExactlyTheSolutionOfSolve()
    {
        // 5,000 rows: several 2,048-row blocks in each of the 8 chunks' ranges; x3 = x1 + x2 is dropped as collinear.
        var random = new Random(7);
        var n = 5_000;
        var x1 = Draw(random, n);
        var x2 = Draw(random, n);
        double[][] x = [[.. Enumerable.Repeat(1.0, n)], x1, x2, [.. x1.Zip(x2, (a, b) => a + b)]];
        double[][] ys = [[.. x1.Select(v => 2 * v + random.NextDouble())], Draw(random, n), [.. x2.Select(v => -v + 0.1 * random.NextDouble())]];
        var many = LeastSquares.SolveMany(x, ys);
        for (var k = 0; k < ys.Length; k++)
        {
            var alone = LeastSquares.Solve(x, ys[k], null);
            Assert.Equal(alone.Kept, many[k].Kept);
            Assert.Equal(alone.Beta, many[k].Beta);
            Assert.Equal(alone.Rss, many[k].Rss);
            Assert.Equal(alone.Bread(), many[k].Bread());
        }
        Assert.Equal([0, 1, 2], many[0].Kept);
    }

    [Fact]
    public void Fit_SharesTheDesignOfOutcomesObservedOnTheSameRows_AndMatchesFittingEachAlone()
    {
        var random = new Random(11);
        var n = 3_000;
        var centre = Enumerable.Range(0, n).Select(i => $"c{i % 6}").ToArray();
        var month = Enumerable.Range(0, n).Select(i => $"m{i % 12:00}").ToArray();
        var treated = Enumerable.Range(0, n).Select(i => (double)(i % 2)).ToArray();
        DataFrame Frame(double[] y) => new([new NumericColumn("y", y), new NumericColumn("ips", treated),
            new TextColumn("centre", centre), new TextColumn("month", month)]);
        var a = Draw(random, n);
        var b = Draw(random, n);
        var c = Draw(random, n);
        a[5] = double.NaN;
        b[5] = double.NaN;
        c[6] = double.NaN; // missing on another row: its design has other rows, so it is fitted on its own
        DataFrame[] frames = [Frame(a), Frame(b), Frame(c)];
        var spec = ModelSpec.FromFormula("y ~ ips + month + centre").WithCluster("centre");
        var fits = OutcomesOnOneDesign.Fit(spec, frames);
        Assert.Same(fits[0].Design.X, fits[1].Design.X);
        Assert.NotSame(fits[0].Design.X, fits[2].Design.X);
        // CR2's per-cluster matrices (X, bread and clusters only) are computed once for the two that share a design.
        Assert.Same(fits[0].Cr2Matrices(fits[0].Design.Clusters[0]), fits[1].Cr2Matrices(fits[1].Design.Clusters[0]));
        Assert.Null(fits[2].Shared);
        Assert.Equal(fits[0].Bread, fits[1].Bread);
        for (var k = 0; k < frames.Length; k++)
        {
            var alone = OlsEstimator.Fit(spec, frames[k]);
            Assert.Equal(alone.Names, fits[k].Names);
            Assert.Equal(alone.Coefficients, fits[k].Coefficients);
            Assert.Equal(alone.Residuals, fits[k].Residuals);
            Assert.Equal(alone.Rss, fits[k].Rss);
            Assert.Equal(alone.N, fits[k].N);
            foreach (var vcov in new[] { VcovSpec.Stata(), VcovSpec.Cluster(VcovKind.CR2, FixedEffectCounting.Full, MultiwayAdjustment.PerDimension) with { Df = DfRule.Satterthwaite } })
            {
                var (own, shared) = (alone.Infer(vcov), fits[k].Infer(vcov));
                Assert.Equal(own.Vcov, shared.Vcov);
                Assert.Equal(own.Df, shared.Df);
            }
        }
    }

    private static double[] Draw(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => random.NextDouble())];
}
