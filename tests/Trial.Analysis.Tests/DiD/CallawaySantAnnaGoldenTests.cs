using Trial.Analysis.DiD;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.DiD;

/// <summary>ATT(g,t) and aggregations against reference/did_reference.R (cell means by hand; did's aggte formulas transcribed).</summary>
public class CallawaySantAnnaGoldenTests
{
    private const string File = "did_reference.csv";

    private static CallawaySantAnnaResult Estimate(ControlGroup control) =>
        CallawaySantAnna.Estimate(Golden.Data("staggered.csv"), "y", "id", "period", "g", control);

    private static string Model(ControlGroup control) => control == ControlGroup.NeverTreated ? "cs_never" : "cs_notyet";

    [Theory]
    [InlineData(ControlGroup.NeverTreated)]
    [InlineData(ControlGroup.NotYetTreated)]
    public void GroupTimeAtt_MatchesCellMeansAndInfluenceFunctionSe(ControlGroup control)
    {
        var result = Estimate(control);
        Assert.Equal(15, result.Atts.Count);
        foreach (var att in result.Atts)
        {
            var key = $"g{att.Group}_t{att.Time}";
            Golden.AssertRelative(Golden.Value(File, "staggered", Model(control), "att", key), att.Att, 1e-10, "ATT " + key);
            Golden.AssertRelative(Golden.Value(File, "staggered", Model(control), "se", key), att.StdError, 1e-10, "SE " + key);
        }
    }

    [Theory]
    [InlineData(ControlGroup.NeverTreated)]
    [InlineData(ControlGroup.NotYetTreated)]
    public void SimpleAggregation_MatchesAggte(ControlGroup control)
    {
        var overall = Estimate(control).Aggregate(AggregationType.Simple).Overall;
        Golden.AssertRelative(Golden.Value(File, "staggered", Model(control), "simple", "att"), overall.Att, 1e-10, "ATT");
        Golden.AssertRelative(Golden.Value(File, "staggered", Model(control), "simple", "se"), overall.StdError, 1e-10, "SE");
    }

    [Theory]
    [InlineData(ControlGroup.NeverTreated)]
    [InlineData(ControlGroup.NotYetTreated)]
    public void DynamicAggregation_MatchesAggte(ControlGroup control) =>
        AssertAggregation(Estimate(control).Aggregate(AggregationType.Dynamic), Model(control), "dynamic", "e");

    [Theory]
    [InlineData(ControlGroup.NeverTreated)]
    [InlineData(ControlGroup.NotYetTreated)]
    public void GroupAggregation_MatchesAggte(ControlGroup control) =>
        AssertAggregation(Estimate(control).Aggregate(AggregationType.Group), Model(control), "group", "g");

    private static void AssertAggregation(Aggregation aggregation, string model, string quantity, string keyPrefix)
    {
        foreach (var effect in aggregation.Effects)
        {
            Golden.AssertRelative(Golden.Value(File, "staggered", model, quantity, $"att_{keyPrefix}{effect.Key}"), effect.Att, 1e-10, effect.Label);
            Golden.AssertRelative(Golden.Value(File, "staggered", model, quantity, $"se_{keyPrefix}{effect.Key}"), effect.StdError, 1e-10, effect.Label);
        }
        Golden.AssertRelative(Golden.Value(File, "staggered", model, quantity + "_overall", "att"), aggregation.Overall.Att, 1e-10, "overall");
        Golden.AssertRelative(Golden.Value(File, "staggered", model, quantity + "_overall", "se"), aggregation.Overall.StdError, 1e-10, "overall SE");
    }

    [Fact]
    public void UnbalancedPanel_IsRejected()
    {
        var data = Trial.Analysis.Data.DataFrame.FromNumeric(("y", [1, 2, 3]), ("id", [1, 1, 2]), ("t", [1, 2, 1]), ("g", [2, 2, 0]));
        Assert.Contains("unbalanced", Assert.Throws<ModelInputException>(() => CallawaySantAnna.Estimate(data, "y", "id", "t", "g", ControlGroup.NeverTreated)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupChangingWithinUnit_IsRejected()
    {
        var data = Trial.Analysis.Data.DataFrame.FromNumeric(("y", [1, 2, 3, 4]), ("id", [1, 1, 2, 2]), ("t", [1, 2, 1, 2]), ("g", [2, 0, 0, 0]));
        Assert.Throws<ModelInputException>(() => CallawaySantAnna.Estimate(data, "y", "id", "t", "g", ControlGroup.NeverTreated));
    }
}
