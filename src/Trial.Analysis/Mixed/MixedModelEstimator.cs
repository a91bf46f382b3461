using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Mixed;

/// <summary>
/// Fits a linear mixed model as lme4's <c>lmer</c>: profiled REML or ML deviance over θ (blocked Cholesky,
/// see <see cref="ProfiledDeviance"/>), fixed effects and their variance at the optimum, convergence and
/// boundary checks. Collinear fixed-effect columns are dropped by name first, as lmer does.
/// </summary>
public static class MixedModelEstimator
{
    /// <summary>Builds the design of <paramref name="spec"/> on <paramref name="data"/> and fits it.</summary>
    public static MixedModelFit Fit(ModelSpec spec, DataFrame data, LmmCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(data);
        if (spec.Formula.RandomEffects.Count == 0)
        {
            throw new ModelInputException($"formula: '{spec.Formula.Text}' has no random-effects term such as (1|id); fit it with OlsEstimator");
        }
        if (spec.Formula.AbsorbedFixedEffects.Count > 0)
        {
            throw new ModelInputException("formula: absorbed fixed effects ('| fe') cannot be combined with random effects; add them as factor() terms");
        }
        if (spec.Weights is not null)
        {
            throw new ModelInputException("weights: weighted mixed models are not supported yet");
        }
        if (spec.Clusters.Count > 0)
        {
            throw new ModelInputException("cluster: a mixed model models the clustering through its random effects; remove the cluster variable");
        }
        var design = Design.Build(spec, data);
        var blocks = RandomEffectsDesign.Build(spec.Formula, data, design.SourceRows);
        var ls = LeastSquares.Solve(design.X, design.Y, null);
        var kept = ls.Kept;
        var dropped = Enumerable.Range(0, design.ColumnCount).Except(kept).Select(i => design.ColumnNames[i]).ToArray();
        var n = design.RowCount;
        var p = kept.Length;
        var x = new double[n * p];
        for (var c = 0; c < p; c++)
        {
            var column = design.X[kept[c]];
            for (var r = 0; r < n; r++) { x[r * p + c] = column[r]; }
        }
        if (n <= p + blocks.Sum(b => b.Term.ThetaCount))
        {
            throw new EstimationException($"{n} rows are too few for {p} fixed effects and {blocks.Sum(b => b.Term.ThetaCount)} variance parameters");
        }
        ProfiledDeviance deviance;
        try
        {
            deviance = new ProfiledDeviance(x, design.Y, p, [.. blocks.Select(b => b.Term)]);
        }
        catch (ArgumentException e)
        {
            throw new ModelInputException($"formula: {e.Message}");
        }
        OptimizerOutcome outcome;
        try
        {
            outcome = SmoothMinimizer.Minimize(t => deviance.Evaluate(t, criterion), deviance.StartingTheta());
        }
        catch (InvalidOperationException e)
        {
            throw new EstimationException(e.Message);
        }
        var theta = deviance.Canonical(outcome.Minimizer);
        return new MixedModelFit(data, design, [.. kept.Select(i => design.ColumnNames[i])], dropped, blocks, deviance, criterion, theta, outcome);
    }
}
