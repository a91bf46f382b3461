using Trial.Analysis.Numerics;

namespace Trial.Analysis.Tests.Numerics;

public class ProfiledDevianceTests
{
    // Dyestuff as arrays: 6 batches × 5 yields (lme4::Dyestuff, reference/mixed/Dyestuff.csv).
    private static ProfiledDeviance Dyestuff()
    {
        var data = Golden.Data("mixed/Dyestuff.csv");
        var y = data.Numeric("Yield").Values;
        var batch = data["Batch"];
        var labels = Enumerable.Range(0, data.RowCount).Select(batch.Format).ToArray();
        var levels = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        var term = new RandomEffectsTerm([.. labels.Select(l => levels.IndexOf(l))], levels.Count, [.. y.Select(_ => 1.0)], 1, RandomEffectsTerm.Unstructured(1));
        return new ProfiledDeviance([.. y.Select(_ => 1.0)], y, 1, [term]);
    }

    [Fact]
    public void Evaluate_DyestuffAtThetaOne_EqualsLme4RemlFun()
    {
        // Source: lme4 tests/testthat/test-lmer.R (commit 32b5bfd): REMLfun(1) equals 319.792389042002.
        Golden.AssertRelative(319.792389042002, Dyestuff().Evaluate([1.0], LmmCriterion.Reml), 1e-12, "REML criterion at θ = 1");
    }

    [Fact]
    public void RandomIntercept_GroupedBySizeAndLevelByLevel_AgreeAtTheSameTheta()
    {
        // 2,000 participants with 1 to 4 rows each (4 distinct sizes), two covariates: the shape of case B.
        var random = new Random(21);
        var level = new List<int>();
        for (var g = 0; g < 2000; g++) { level.AddRange(Enumerable.Repeat(g, 1 + random.Next(4))); }
        var n = level.Count;
        var x = new double[n * 3];
        var y = new double[n];
        var effect = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (var i = 0; i < n; i++)
        {
            x[i * 3] = 1;
            x[i * 3 + 1] = random.NextDouble();
            x[i * 3 + 2] = random.Next(2);
            y[i] = 1 + 0.5 * x[i * 3 + 1] - 0.3 * x[i * 3 + 2] + effect[level[i]] + 0.4 * (random.NextDouble() - 0.5);
        }
        var term = new RandomEffectsTerm([.. level], 2000, [.. Enumerable.Repeat(1.0, n)], 1, RandomEffectsTerm.Unstructured(1));
        var grouped = new ProfiledDeviance(x, y, 3, [term]);
        var perLevel = new ProfiledDeviance(x, y, 3, [term], groupLevels: false);
        Assert.True(grouped.GroupsLevels);
        Assert.False(perLevel.GroupsLevels);
        foreach (var theta in new[] { 0.0, 0.05, 0.6, 1.0, 3.0, 40.0 })
        {
            var a = grouped.Solve([theta]);
            var b = perLevel.Solve([theta]);
            foreach (var criterion in new[] { LmmCriterion.Reml, LmmCriterion.MaximumLikelihood })
            {
                Golden.AssertRelative(b.Criterion(criterion), a.Criterion(criterion), 1e-12, $"{criterion} at θ = {theta}");
            }
            var (betaA, betaB) = (a.Beta(), b.Beta());
            for (var j = 0; j < 3; j++) { Golden.AssertRelative(betaB[j], betaA[j], 1e-10, $"β{j} at θ = {theta}"); }
        }
    }

    [Fact]
    public void Evaluate_NegatedTheta_GivesTheSameCriterion()
    {
        var deviance = Dyestuff();
        Assert.Equal(deviance.Evaluate([0.7], LmmCriterion.MaximumLikelihood), deviance.Evaluate([-0.7], LmmCriterion.MaximumLikelihood), 12);
    }

    [Fact]
    public void Canonical_NegativeDiagonal_FlipsTheWholeColumn()
    {
        var n = 4;
        var term = new RandomEffectsTerm([0, 0, 1, 1], 2, [1, 0, 1, 1, 1, 0, 1, 1], 2, RandomEffectsTerm.Unstructured(2));
        var deviance = new ProfiledDeviance([1, 1, 1, 1], [1, 2, 3, 5], 1, [term]);
        Assert.Equal(3, deviance.ThetaCount);
        Assert.Equal(n, deviance.N);
        // θ = (T00, T10, T11): column 0 is (T00, T10), column 1 is (T11).
        Assert.Equal([0.5, -0.2, 0.3], deviance.Canonical([-0.5, 0.2, -0.3]));
    }

    [Fact]
    public void Constructor_TermsNotOrderedByLevels_IsRejected()
    {
        var small = new RandomEffectsTerm([0, 0, 1, 1], 2, [1, 1, 1, 1], 1, RandomEffectsTerm.Unstructured(1));
        var large = new RandomEffectsTerm([0, 1, 2, 3], 4, [1, 1, 1, 1], 1, RandomEffectsTerm.Unstructured(1));
        var e = Assert.Throws<ArgumentException>(() => new ProfiledDeviance([1, 1, 1, 1], [1, 2, 3, 4], 1, [small, large]));
        Assert.Contains("decreasing number of levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_XOfWrongLength_NamesBothDimensions()
    {
        var term = new RandomEffectsTerm([0, 1, 0], 2, [1, 1, 1], 1, RandomEffectsTerm.Unstructured(1));
        var e = Assert.Throws<ArgumentException>(() => new ProfiledDeviance([1, 1], [1, 2, 3], 1, [term]));
        Assert.Contains("n (3) × p (1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomEffectsTerm_LevelOutOfRange_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomEffectsTerm([0, 2], 2, [1, 1], 1, RandomEffectsTerm.Unstructured(1)));
        Assert.Contains("outside 0..1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomEffectsTerm_WithoutDiagonal_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new RandomEffectsTerm([0, 1], 2, [1, 1, 1, 1], 2, [(0, 0), (1, 0)]));
        Assert.Contains("diagonal entry (1,1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_Dyestuff_BetaIsTheGrandMeanForBalancedData()
    {
        // Balanced one-way layout: β̂ = grand mean 1527.5 for every θ (lme4 fixef(fm1) = 1527.5).
        Assert.Equal(1527.5, Dyestuff().Solve([0.8]).Beta()[0], 9);
    }
}
