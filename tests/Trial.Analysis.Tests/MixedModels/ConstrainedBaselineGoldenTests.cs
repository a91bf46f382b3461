using System.Globalization;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Run;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Tests.MixedModels;

/// <summary>
/// Table 17's cLDA model (common baseline mean) and the unconstrained sensitivity model against lme4/lmerTest
/// (reference/mixed/clda.R, tight lme4 fit, cross-checked with nlme): β and SE to 1e-6 relative, Satterthwaite df
/// to 1e-4 (lmerTest's numerical derivatives), logLik to 1e-9.
/// </summary>
public class ConstrainedBaselineGoldenTests
{
    private static readonly string[] FollowUps = ["6", "12"];

    private static (List<double> Y, List<string> Id, List<string> Time, List<bool> Ips) Data()
    {
        var lines = File.ReadAllLines(Golden.PathOf("mixed/clda_long.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        return ([.. lines.Select(f => double.Parse(f[3], CultureInfo.InvariantCulture))], [.. lines.Select(f => f[0])], [.. lines.Select(f => f[1])], [.. lines.Select(f => f[2] == "IPS")]);
    }

    private static Dictionary<string, (double Estimate, double Se, double Df)> Expected(string model) =>
        File.ReadAllLines(Golden.PathOf("mixed/clda_reference.csv")).Skip(1)
            .Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray())
            .Where(f => f[0] == model)
            .ToDictionary(f => f[1], f => (Parse(f[2]), Parse(f[3]), Parse(f[4])));

    private static double Parse(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Clda_CommonBaseline_MatchesLme4()
    {
        var (y, id, time, ips) = Data();
        var frame = ConstrainedBaselineModel.Frame(y, id, time, ips, FollowUps);
        var spec = ModelSpec.FromFormula(ConstrainedBaselineModel.Formula(FollowUps)).WithReference("time", "0");
        var fit = MixedModelEstimator.Fit(spec, frame, LmmCriterion.MaximumLikelihood);
        AssertMatches(fit, Expected("clda"), "clda");
        Assert.DoesNotContain(fit.Names, n => n.StartsWith("arm", StringComparison.Ordinal));
    }

    [Fact]
    public void Unconstrained_Sensitivity_MatchesLme4()
    {
        var (y, id, time, ips) = Data();
        var frame = ConstrainedBaselineModel.Frame(y, id, time, ips, FollowUps);
        var spec = ModelSpec.FromFormula("y ~ time * arm + (1 | participant)").WithReference("time", "0").WithReference("arm", "Control");
        var fit = MixedModelEstimator.Fit(spec, frame, LmmCriterion.MaximumLikelihood);
        AssertMatches(fit, Expected("unconstrained"), "unconstrained");
    }

    private static void AssertMatches(MixedModelFit fit, Dictionary<string, (double Estimate, double Se, double Df)> expected, string model)
    {
        var inference = fit.Infer();
        foreach (var (term, i) in fit.Names.Select((n, i) => (n, i)))
        {
            var e = expected[term];
            Golden.AssertRelative(e.Estimate, fit.Coefficients[i], 1e-6, $"{model} β {term}");
            Golden.AssertRelative(e.Se, Math.Sqrt(fit.Vcov[i, i]), 1e-6, $"{model} SE {term}");
            Golden.AssertRelative(e.Df, inference.Df[i], 1e-4, $"{model} df {term}");
        }
        Assert.Equal(expected.Count - 1, fit.Names.Count);
        Golden.AssertRelative(expected["logLik"].Estimate, fit.LogLikelihood, 1e-9, $"{model} logLik");
    }
}
