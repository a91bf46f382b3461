using System.Globalization;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.MixedModels;

/// <summary>
/// emmeans golden values on the Table 17-shaped trial data (reference/mixed_models.R: emmeans(fit_tight, ~ arm | time,
/// lmer.df = "satterthwaite") and contrast IPS − Control; lmerTest anova(type = 3)). Tolerances: means and SEs 1e-6,
/// df 1e-4 (lmerTest numerical derivatives), p 1e-4 relative.
/// </summary>
public class MarginalMeansGoldenTests
{
    [Theory]
    [InlineData("trial_ml")]
    [InlineData("trial_reml")]
    public void MarginalMeans_ArmByTime_MatchEmmeans(string key)
    {
        var means = MixedModelCases.Fit(key).Infer().MarginalMeans("arm", "time");
        var g = MixedModelCases.File(key).GetProperty("emmeans");
        var arms = g.GetProperty("arm").Strings();
        var times = g.GetProperty("time").Doubles();
        for (var i = 0; i < arms.Length; i++)
        {
            var time = times[i].ToString(CultureInfo.InvariantCulture);
            var m = means.Means.Single(x => x.Level == arms[i] && x.ByLevel == time);
            Golden.AssertRelative(g.GetProperty("emmean").Doubles()[i], m.Estimate, 1e-6, $"{key} emmean {arms[i]} {time}");
            Golden.AssertRelative(g.GetProperty("SE").Doubles()[i], m.StdError, 1e-6, $"{key} SE {arms[i]} {time}");
            Golden.AssertRelative(g.GetProperty("df").Doubles()[i], m.Df, 1e-4, $"{key} df {arms[i]} {time}");
            Golden.AssertRelative(g.GetProperty("lower").Doubles()[i], m.Lower, 1e-6, $"{key} lower {arms[i]} {time}");
        }
    }

    [Theory]
    [InlineData("trial_ml")]
    [InlineData("trial_reml")]
    public void Differences_IpsMinusControlByTime_MatchEmmeansContrast(string key)
    {
        var differences = MixedModelCases.Fit(key).Infer().MarginalMeans("arm", "time").Differences("IPS", "Control");
        var g = MixedModelCases.File(key).GetProperty("contrasts");
        var times = g.GetProperty("time").Doubles();
        for (var i = 0; i < times.Length; i++)
        {
            var time = times[i].ToString(CultureInfo.InvariantCulture);
            var d = differences.Single(x => x.ByLevel == time);
            Golden.AssertRelative(g.GetProperty("estimate").Doubles()[i], d.Estimate, 1e-6, $"{key} difference {time}");
            Golden.AssertRelative(g.GetProperty("SE").Doubles()[i], d.StdError, 1e-6, $"{key} SE {time}");
            Golden.AssertRelative(g.GetProperty("df").Doubles()[i], d.Df, 1e-4, $"{key} df {time}");
            Golden.AssertRelative(g.GetProperty("p").Doubles()[i], d.P, 1e-4, $"{key} p {time}");
            Golden.AssertRelative(g.GetProperty("upper").Doubles()[i], d.Upper, 1e-5, $"{key} upper {time}");
        }
    }

    [Theory]
    [InlineData("trial_ml")]
    [InlineData("trial_reml")]
    public void Test_InteractionTerm_MatchesLmerTestAnova(string key)
    {
        var inference = MixedModelCases.Fit(key).Infer();
        var test = inference.Test(LinearHypothesis.AllZero("factor(time)6:armIPS", "factor(time)12:armIPS"));
        var g = MixedModelCases.File(key).GetProperty("anova");
        // Row 3 of anova(fit, type = 3): factor(time):arm; with treatment coding its hypothesis is both interaction coefficients = 0.
        Golden.AssertRelative(g.GetProperty("F").Doubles()[2], test.F, 1e-6, $"{key} F");
        Assert.Equal(2, test.NumeratorDf);
        Golden.AssertRelative(g.GetProperty("DenDF").Doubles()[2], test.DenominatorDf, 1e-4, $"{key} DenDF");
        Golden.AssertRelative(g.GetProperty("p").Doubles()[2], test.PValue, 1e-4, $"{key} p");
    }

    [Fact]
    public void Test_SingleCoefficient_EqualsSquaredTWithSameDf()
    {
        var inference = MixedModelCases.Fit("trial_reml").Infer();
        var test = inference.Test(LinearHypothesis.AllZero("armIPS"));
        var row = inference.Rows().Single(r => r.Term == "armIPS");
        Golden.AssertRelative(row.Statistic * row.Statistic, test.F, 1e-10, "F = t²");
        Golden.AssertRelative(row.Df, test.DenominatorDf, 1e-10, "df");
    }

    [Fact]
    public void MarginalMeans_UnknownFactor_IsRejectedNamingTheFactors()
    {
        var inference = MixedModelCases.Fit("trial_reml").Infer();
        var e = Assert.Throws<ModelInputException>(() => inference.MarginalMeans("centre", "time"));
        Assert.Contains("'centre' is not a factor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_UnknownLevel_IsRejectedNamingTheLevels()
    {
        var means = MixedModelCases.Fit("trial_reml").Infer().MarginalMeans("arm", "time");
        var e = Assert.Throws<ModelInputException>(() => means.Differences("IPS", "Usual"));
        Assert.Contains("'Usual' is not a level of arm", e.Message, StringComparison.Ordinal);
    }
}
