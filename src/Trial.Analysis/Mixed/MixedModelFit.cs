using Trial.Analysis.Designs;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.Mixed;

/// <summary>
/// A fitted linear mixed model (lme4 <c>merMod</c>): β̂, vcov(β̂) = σ̂² R_X⁻¹R_X⁻ᵀ, variance components, σ̂,
/// the criterion, logLik/AIC/BIC, groups, convergence and boundary diagnostics. Inference (Satterthwaite df,
/// tests, marginal means) is computed on demand by <see cref="Infer"/>.
/// </summary>
public sealed class MixedModelFit
{
    private readonly IReadOnlyList<RandomEffectsDesign.Block> _blocks;
    private MixedInference? _inference;

    internal MixedModelFit(Data.DataFrame data, Design design, IReadOnlyList<string> names, IReadOnlyList<string> droppedTerms, IReadOnlyList<RandomEffectsDesign.Block> blocks,
        ProfiledDeviance deviance, LmmCriterion criterion, double[] theta, OptimizerOutcome outcome)
    {
        Data = data;
        Design = design;
        Names = names;
        DroppedTerms = droppedTerms;
        _blocks = blocks;
        Deviance = deviance;
        Criterion = criterion;
        Theta = theta;
        var solution = deviance.Solve(theta);
        CriterionValue = solution.Criterion(criterion);
        ResidualVariance = solution.ResidualVariance(criterion);
        Coefficients = solution.Beta();
        var unscaled = solution.UnscaledCovariance();
        var p = names.Count;
        Vcov = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++) { Vcov[i, j] = ResidualVariance * unscaled[i * p + j]; }
        }
        Groups = [.. blocks.SelectMany(b => b.Groups)];
        VarianceComponents = BuildVarianceComponents();
        var parameters = p + theta.Length + 1;
        LogLikelihood = -CriterionValue / 2;
        Aic = CriterionValue + 2 * parameters;
        Bic = CriterionValue + parameters * Math.Log(N);
        Convergence = Diagnose(outcome);
    }

    public Design Design { get; }

    /// <summary>Names of the estimated fixed effects (R's column names), after dropping collinear columns.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Fixed-effect columns dropped because they are collinear with earlier ones (lmer drops them too).</summary>
    public IReadOnlyList<string> DroppedTerms { get; }

    /// <summary>REML or ML.</summary>
    public LmmCriterion Criterion { get; }

    /// <summary>θ: the relative covariance factors' free entries (lme4 <c>getME(fit, "theta")</c> order within blocks; blocks by decreasing levels).</summary>
    public double[] Theta { get; }

    public double[] Coefficients { get; }

    /// <summary>vcov(β̂), p × p.</summary>
    public double[,] Vcov { get; }

    /// <summary>σ̂² (REML: r²/(n − p); ML: r²/n).</summary>
    public double ResidualVariance { get; }

    public double Sigma => Math.Sqrt(ResidualVariance);

    /// <summary>REML criterion (REML fits) or deviance −2 logLik (ML fits), as lme4 prints it.</summary>
    public double CriterionValue { get; }

    /// <summary>logLik = −criterion/2 (the REML log-likelihood for REML fits, as lme4).</summary>
    public double LogLikelihood { get; }

    public double Aic { get; }

    public double Bic { get; }

    public int N => Design.RowCount;

    /// <summary>The random-effects terms with their number of levels (lme4 <c>ngrps</c>).</summary>
    public IReadOnlyList<RandomEffectsGroup> Groups { get; }

    /// <summary>lme4's <c>as.data.frame(VarCorr(fit))</c> rows, residual last.</summary>
    public IReadOnlyList<VarianceComponent> VarianceComponents { get; }

    public MixedConvergence Convergence { get; }

    internal ProfiledDeviance Deviance { get; }

    /// <summary>The data the design was built from (for reference grids).</summary>
    internal Data.DataFrame Data { get; }

    /// <summary>Index of a coefficient by name; a clear error when absent.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal)) { return i; }
        }
        throw new Spec.ModelInputException($"hypothesis: '{name}' is not a coefficient of this model; the coefficients are {string.Join(", ", Names)}");
    }

    /// <summary>Satterthwaite inference (lmerTest): df per coefficient, t tests, F tests, marginal means. Computed once.</summary>
    public MixedInference Infer() => _inference ??= new MixedInference(this);

    /// <summary>The criterion in words, for summaries.</summary>
    public string CriterionLabel => Criterion == LmmCriterion.Reml ? "REML" : "ML";

    private List<VarianceComponent> BuildVarianceComponents()
    {
        var result = new List<VarianceComponent>();
        var offset = 0;
        foreach (var block in _blocks)
        {
            var term = block.Term;
            var w = term.Width;
            var t = new double[w * w];
            for (var i = 0; i < term.ThetaCount; i++)
            {
                var (r, c) = term.FreeEntries[i];
                t[r * w + c] = Theta[offset + i];
            }
            offset += term.ThetaCount;
            var cov = new double[w, w];
            for (var a = 0; a < w; a++)
            {
                for (var b = 0; b < w; b++)
                {
                    var s = 0.0;
                    for (var k = 0; k < w; k++) { s += t[a * w + k] * t[b * w + k]; }
                    cov[a, b] = ResidualVariance * s;
                }
            }
            var start = 0;
            foreach (var group in block.Groups)
            {
                var k = group.Columns.Count;
                for (var a = 0; a < k; a++)
                {
                    var v = cov[start + a, start + a];
                    result.Add(new VarianceComponent(group.Grouping, group.Columns[a], null, v, Math.Sqrt(v)));
                }
                if (group.Correlated)
                {
                    for (var a = 0; a < k; a++)
                    {
                        for (var b = a + 1; b < k; b++)
                        {
                            var c = cov[start + a, start + b];
                            var denominator = Math.Sqrt(cov[start + a, start + a] * cov[start + b, start + b]);
                            result.Add(new VarianceComponent(group.Grouping, group.Columns[a], group.Columns[b], c, denominator > 0 ? c / denominator : double.NaN));
                        }
                    }
                }
                start += k;
            }
        }
        result.Add(new VarianceComponent("Residual", null, null, ResidualVariance, Sigma));
        return result;
    }

    private MixedConvergence Diagnose(OptimizerOutcome outcome)
    {
        var messages = new List<string>();
        if (outcome.Exit == OptimizerExit.IterationLimit)
        {
            messages.Add($"The optimiser stopped at its iteration limit ({outcome.Iterations} iterations) before converging; the estimates may not be at the optimum (max |gradient| {outcome.MaxAbsGradient:G3}).");
        }
        var singular = false;
        var offset = 0;
        foreach (var block in _blocks)
        {
            var term = block.Term;
            var columnGroup = block.Groups.SelectMany(g => g.Columns.Select(c => (Group: g, Column: c))).ToArray();
            for (var i = 0; i < term.ThetaCount; i++)
            {
                var (r, c) = term.FreeEntries[i];
                if (r != c || Math.Abs(Theta[offset + i]) >= MixedConvergence.SingularTolerance) { continue; }
                singular = true;
                var (group, column) = columnGroup[r];
                var rowOffDiagonal = term.FreeEntries.Select((e, k) => (e, k)).Any(x => x.e.Row == r && x.e.Column != r && Math.Abs(Theta[offset + x.k]) >= MixedConvergence.SingularTolerance);
                var what = column == "(Intercept)" ? $"the random intercept for {group.Grouping}" : $"the random slope of {column} for {group.Grouping}";
                messages.Add(rowOffDiagonal
                    ? $"The random-effects covariance matrix for {group.Grouping} is singular: {what} is perfectly correlated with another random effect (boundary fit)."
                    : $"The variance of {what} is estimated as zero (boundary fit).");
            }
            offset += term.ThetaCount;
        }
        return new MixedConvergence(outcome.Iterations, outcome.Evaluations, outcome.Exit, outcome.MaxAbsGradient, singular, messages);
    }
}
