using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.Spec;

public class FormulaParserTests
{
    private static string[] Labels(Formula f) => f.Terms.Select(t => t.Label).ToArray();

    [Fact]
    public void Star_ExpandsToMainEffectsAndInteraction() =>
        Assert.Equal(["a", "b", "a:b"], Labels(Formula.Parse("y ~ a*b")));

    [Fact]
    public void ThreeWayStar_OrdersTermsByInteractionOrder() =>
        Assert.Equal(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"], Labels(Formula.Parse("y ~ a*b*c")));

    [Fact]
    public void MinusOne_RemovesIntercept() => Assert.False(Formula.Parse("y ~ x - 1").HasIntercept);

    [Fact]
    public void Zero_RemovesIntercept() => Assert.False(Formula.Parse("y ~ 0 + x").HasIntercept);

    [Fact]
    public void MinusTerm_RemovesIt() => Assert.Equal(["a", "b"], Labels(Formula.Parse("y ~ a*b - a:b")));

    [Fact]
    public void DuplicateTerms_AreMerged() => Assert.Equal(["a", "b"], Labels(Formula.Parse("y ~ a + b + a")));

    [Fact]
    public void ParenthesisedSum_DistributesOverColon() =>
        Assert.Equal(["a:c", "b:c"], Labels(Formula.Parse("y ~ (a + b):c")));

    [Fact]
    public void FactorCall_ForcesFactorCoding()
    {
        var v = Formula.Parse("y ~ factor(month)").Terms[0].Variables[0];
        Assert.Equal((VariableCoding.Factor, "factor(month)"), (v.Coding, v.Label));
    }

    [Fact]
    public void Relevel_SetsReferenceLevel()
    {
        var v = Formula.Parse("y ~ relevel(centre, ref = \"Oslo\")").Terms[0].Variables[0];
        Assert.Equal(("centre", "Oslo"), (v.Column, v.ReferenceLevel));
    }

    [Fact]
    public void Bar_ParsesAbsorbedFixedEffects()
    {
        var f = Formula.Parse("work ~ p0_3 + p4_6 | person + month");
        Assert.Equal(["person", "month"], f.AbsorbedFixedEffects);
        Assert.Equal(["p0_3", "p4_6"], Labels(f));
    }

    [Fact]
    public void RandomIntercept_IsParsed()
    {
        var re = Assert.Single(Formula.Parse("y ~ time + (1|id)").RandomEffects);
        Assert.Equal((true, 0, "id", GroupingOperator.Single, true), (re.HasIntercept, re.Slopes.Count, re.GroupingLabel, re.Operator, re.Correlated));
    }

    [Fact]
    public void RandomSlope_IsParsed()
    {
        var re = Assert.Single(Formula.Parse("Reaction ~ Days + (1 + Days | Subject)").RandomEffects);
        Assert.Equal(["Days"], re.Slopes);
        Assert.True(re.HasIntercept);
    }

    [Fact]
    public void SlopeWithoutIntercept_IsParsed()
    {
        var re = Assert.Single(Formula.Parse("y ~ t + (0 + t | g)").RandomEffects);
        Assert.False(re.HasIntercept);
    }

    [Fact]
    public void NestedGrouping_ExpandsLikeLme4()
    {
        var re = Assert.Single(Formula.Parse("y ~ arm + (1 | centre/id)").RandomEffects);
        Assert.Equal(["centre", "centre:id"], re.Expand().Select(r => r.GroupingLabel));
    }

    [Fact]
    public void DoubleBar_IsUncorrelated() => Assert.False(Assert.Single(Formula.Parse("y ~ t + (1 + t || g)").RandomEffects).Correlated);

    [Fact]
    public void CrossedRandomEffects_AreBothKept() =>
        Assert.Equal(2, Formula.Parse("diameter ~ 1 + (1|plate) + (1|sample)").RandomEffects.Count);

    [Fact]
    public void Columns_ListEveryReferencedColumn() =>
        Assert.Equal(["y", "a", "b", "fe", "g"], Formula.Parse("y ~ a:b | fe").Columns.Concat(Formula.Parse("y ~ (1|g)").Columns).Distinct());

    [Theory]
    [InlineData("y x", 2, "expected '~'")]
    [InlineData("y ~ ", 4, "ends where a term was expected")]
    [InlineData("y ~ a +", 7, "ends where a term was expected")]
    [InlineData("y ~ log(a)", 4, "function 'log' is not supported")]
    [InlineData("y ~ a + 2", 8, "only 0 and 1")]
    [InlineData("y ~ (a + b", 10, "expected ')'")]
    [InlineData("y ~ a $ b", 6, "unexpected character")]
    [InlineData("~ a", 0, "expected the outcome")]
    [InlineData("y ~ a | fe + fe", 13, "listed twice")]
    public void BadFormula_ReportsPositionAndRule(string text, int position, string rule)
    {
        var error = Assert.Throws<FormulaException>(() => Formula.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFormula_IsRejected() => Assert.Throws<FormulaException>(() => Formula.Parse("  "));
}
