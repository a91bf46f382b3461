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
