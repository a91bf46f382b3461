using MathNet.Numerics.Distributions;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Mixed;

/// <summary>
/// Satterthwaite inference for a mixed model, as lmerTest: t tests per coefficient and for contrasts with
/// ν = 2v²/(g'Ag), and F tests of linear hypotheses with lmerTest's contestMD df.
/// </summary>
public sealed class MixedInference
{
    private readonly SatterthwaiteApproximation _satterthwaite;

    internal MixedInference(MixedModelFit fit)
    {
        Fit = fit;
        _satterthwaite = new SatterthwaiteApproximation(fit.Deviance, fit.Theta, fit.Criterion);
        Df = [.. Enumerable.Range(0, fit.Names.Count).Select(i => _satterthwaite.Contrast(UnitVector(i)).Df)];
    }

    public MixedModelFit Fit { get; }

    /// <summary>Satterthwaite df of each coefficient.</summary>
    public double[] Df { get; }

    /// <summary>Problems with the variance-parameter Hessian, in words (lmerTest warns about the same).</summary>
    public IReadOnlyList<string> Warnings => _satterthwaite.Warnings;

    /// <summary>The df method, for printing.</summary>
    public static string DfMethod => "Satterthwaite (lmerTest; numerical Hessian of the (θ, σ) deviance, Richardson)";

    /// <summary>Estimate, SE, Satterthwaite df, t, p and CI of the contrast Σ weights·β (names → weights).</summary>
    public TidyRow Contrast(string label, IReadOnlyDictionary<string, double> weights, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var l = new double[Fit.Names.Count];
        foreach (var (name, weight) in weights) { l[Fit.IndexOf(name)] += weight; }
        return Contrast(label, l, level);
    }

    /// <summary>Estimate, SE, Satterthwaite df, t, p and CI of L'β for a weight vector over <see cref="MixedModelFit.Names"/>.</summary>
    public TidyRow Contrast(string label, double[] l, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (l.Length != Fit.Names.Count) { throw new ModelInputException($"contrast: {l.Length} weights given for {Fit.Names.Count} coefficients"); }
        if (!(level > 0 && level < 1)) { throw new ModelInputException($"level: the confidence level must be strictly between 0 and 1, got {level}"); }
        var (estimate, variance, df) = _satterthwaite.Contrast(l);
        var se = Math.Sqrt(variance);
        var t = estimate / se;
        var dist = new StudentT(0, 1, df);
        var q = dist.InverseCumulativeDistribution(1 - (1 - level) / 2);
        return new TidyRow(label, estimate, se, t, df, 2 * dist.CumulativeDistribution(-Math.Abs(t)), estimate - q * se, estimate + q * se);
    }

    /// <summary>One tidy row per coefficient (as <c>summary(lmerTest fit)</c>) with confidence intervals.</summary>
    public IReadOnlyList<TidyRow> Rows(double level = 0.95) =>
        [.. Fit.Names.Select((name, i) => Contrast(name, UnitVector(i), level))];

    /// <summary>F test of a linear hypothesis with lmerTest's Satterthwaite denominator df (contestMD).</summary>
    public WaldTest Test(LinearHypothesis hypothesis)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        var rows = hypothesis.Rows.Select(r =>
        {
            var l = new double[Fit.Names.Count];
            foreach (var (name, weight) in r) { l[Fit.IndexOf(name)] += weight; }
            return l;
        }).ToArray();
        var (f, q, df) = _satterthwaite.JointTest(rows, [.. hypothesis.Values]);
        var p = 1 - FisherSnedecor.CDF(q, df, f);
        return new WaldTest(hypothesis.Label, f, q, df, p, $"F test, {Fit.CriterionLabel} fit, Satterthwaite denominator df (lmerTest contestMD)");
    }

    /// <summary>The printed summary: conventions and the coefficient table.</summary>
    public MixedSummary Summarise(double level = 0.95) => new(this, level);

    /// <summary>Estimated marginal means of <paramref name="factor"/> within each level of <paramref name="by"/> (emmeans <c>~ factor | by</c>).</summary>
    public MarginalMeans MarginalMeans(string factor, string? by = null, double level = 0.95) =>
        Mixed.MarginalMeans.Compute(this, factor, by, level);

    private double[] UnitVector(int i)
    {
        var l = new double[Fit.Names.Count];
        l[i] = 1;
        return l;
    }
}
