using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.Designs;

public class DesignInputTests
{
    private static readonly DataFrame Small = new([
        new NumericColumn("y", [1, 2, 3, 4, 5, 6]), new NumericColumn("x", [1, 0, 2, 1, 3, 2]),
        new TextColumn("g", ["a", "b", "a", "b", "c", "c"]), new NumericColumn("w", [1, 1, -1, 1, 1, 1]),
    ]);

    [Fact]
    public void UnknownColumn_IsNamed() =>
        Assert.Contains("unknown column 'z'", Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("y ~ z"), Small)).Message, StringComparison.Ordinal);

    [Fact]
    public void EmptyData_IsRejected() =>
        Assert.Contains("no rows", Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("y ~ x"), DataFrame.FromNumeric(("y", []), ("x", [])))).Message, StringComparison.Ordinal);

    [Fact]
    public void TextOutcome_IsRejected() =>
        Assert.Contains("must be numeric", Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("g ~ x"), Small)).Message, StringComparison.Ordinal);

    [Fact]
    public void NegativeWeight_IsRejectedWithRow() =>
        Assert.Contains("row 3", Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("y ~ x").WithWeights("w"), Small)).Message, StringComparison.Ordinal);

    [Fact]
    public void UnknownReferenceLevel_ListsLevels() =>
        Assert.Contains("levels are a, b, c", Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("y ~ g").WithReference("g", "d"), Small)).Message, StringComparison.Ordinal);

    [Fact]
    public void FilterLeavingNoRows_IsRejected() =>
        Assert.Contains("no rows left", Assert.Throws<ModelInputException>(() =>
            Design.Build(ModelSpec.FromFormula("y ~ x").Where(SampleCondition.Where("x", FilterOperator.Greater, "10")), Small)).Message, StringComparison.Ordinal);

    [Fact]
    public void OrderComparisonOnText_IsRejected() =>
        Assert.Throws<ModelInputException>(() => Design.Build(ModelSpec.FromFormula("y ~ x").Where(SampleCondition.Where("g", FilterOperator.Less, "b")), Small));

    [Fact]
    public void ClusteredVcovWithoutCluster_IsRejected() =>
        Assert.Contains("needs a cluster", Assert.Throws<ModelInputException>(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x"), Small).Infer(VcovSpec.Stata())).Message, StringComparison.Ordinal);

    [Fact]
    public void RandomEffectsInOls_AreRejected() =>
        Assert.Throws<ModelInputException>(() => OlsEstimator.Fit(ModelSpec.FromFormula("y ~ x + (1|g)"), Small));

    [Fact]
    public void DesignWithRandomEffects_DropsRowsMissingTheGroupingColumn()
    {
        var data = Small.With(new TextColumn("h", ["u", null, "v", "v", "u", "u"]));
        var design = Design.Build(ModelSpec.FromFormula("y ~ x + (1|h)"), data);
        Assert.Equal((5, 1), (design.RowCount, design.Rows.MissingDropped));
        Assert.Equal([0, 2, 3, 4, 5], design.SourceRows);
    }

    [Fact]
    public void NoIntercept_CodesFirstFactorFully()
    {
        var design = Design.Build(ModelSpec.FromFormula("y ~ 0 + g + x"), Small);
        Assert.Equal(["ga", "gb", "gc", "x"], design.ColumnNames);
    }
}
