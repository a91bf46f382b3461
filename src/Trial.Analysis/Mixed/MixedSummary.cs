using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Mixed;

/// <summary>
/// The printed result of a mixed model: conventions (REML/ML, df method, groups, variance components,
/// convergence and boundary notes) and a tidy coefficient table with Satterthwaite df, as text or JSON.
/// </summary>
public sealed class MixedSummary
{
    internal MixedSummary(MixedInference inference, double level)
    {
        Inference = inference;
        Level = level;
        Rows = inference.Rows(level);
        Conventions = BuildConventions(inference.Fit);
    }

    public MixedInference Inference { get; }

    public double Level { get; }

    public IReadOnlyList<TidyRow> Rows { get; }

    /// <summary>Header lines stating the criterion, df method, groups, variance components and diagnostics.</summary>
    public IReadOnlyList<string> Conventions { get; }

    private List<string> BuildConventions(MixedModelFit fit)
    {
        var f = CultureInfo.InvariantCulture;
        var rows = fit.Design.Rows;
        var lines = new List<string>
        {
            $"Linear mixed model fit by {fit.CriterionLabel} (lme4's profiled {(fit.Criterion == Numerics.LmmCriterion.Reml ? "REML criterion" : "deviance")})",
            $"Formula: {fit.Design.Spec.Formula.Text}",
            string.Create(f, $"Observations: {fit.N} used of {rows.InputRows} ({rows.MissingDropped} dropped for missing values, {rows.Filtered} filtered out)"),
            $"Groups: {string.Join("; ", fit.Groups.DistinctBy(g => g.Grouping).Select(g => string.Create(f, $"{g.Grouping} {g.Levels}")))}",
            fit.Criterion == Numerics.LmmCriterion.Reml
                ? string.Create(f, $"REML criterion at convergence: {fit.CriterionValue:F4}; logLik (REML) {fit.LogLikelihood:F4}; AIC {fit.Aic:F4}; BIC {fit.Bic:F4}")
                : string.Create(f, $"Deviance: {fit.CriterionValue:F4}; logLik {fit.LogLikelihood:F4}; AIC {fit.Aic:F4}; BIC {fit.Bic:F4}"),
            "Random effects (variance, SD or correlation): " + string.Join("; ", fit.VarianceComponents.Select(Describe)),
            $"Fixed effects: t tests with {MixedInference.DfMethod}; {(Level * 100).ToString("G4", f)}% t intervals",
            string.Create(f, $"Convergence: {fit.Convergence.Iterations} iterations, {fit.Convergence.Evaluations} criterion evaluations, exit {fit.Convergence.Exit}, max |gradient| {fit.Convergence.MaxAbsGradient:G3}"),
        };
        lines.AddRange(fit.Convergence.Messages);
        lines.AddRange(Inference.Warnings);
        if (fit.DroppedTerms.Count > 0)
        {
            lines.Add($"Dropped collinear fixed-effect columns: {string.Join(", ", fit.DroppedTerms)}");
        }
        return lines;
    }

    private static string Describe(VarianceComponent c)
    {
        var f = CultureInfo.InvariantCulture;
        var name = c.Column1 is null ? c.Group : c.Column2 is null ? $"{c.Group} {c.Column1}" : $"{c.Group} corr({c.Column1}, {c.Column2})";
        return c.Column2 is null
            ? string.Create(f, $"{name} {c.Variance:G7} (SD {c.SdOrCorrelation:G7})")
            : string.Create(f, $"{name} {c.SdOrCorrelation:G4}");
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var line in Conventions) { sb.AppendLine(line); }
        var width = Math.Max(12, Rows.Max(r => r.Term.Length));
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant($"{"term".PadRight(width)} {"estimate",14} {"std.error",12} {"t",9} {"df (Satt.)",12} {"p.value",10} {"conf.low",14} {"conf.high",14}"));
        foreach (var r in Rows)
        {
            sb.AppendLine(FormattableString.Invariant($"{r.Term.PadRight(width)} {r.Estimate,14:G8} {r.StdError,12:G7} {r.Statistic,9:F3} {r.Df,12:F3} {r.PValue,10:G4} {r.ConfLow,14:G8} {r.ConfHigh,14:G8}"));
        }
        return sb.ToString();
    }

    public string ToJson()
    {
        var fit = Inference.Fit;
        var dto = new
        {
            formula = fit.Design.Spec.Formula.Text,
            estimator = $"LMM ({fit.CriterionLabel})",
            n = fit.N,
            rows = new { input = fit.Design.Rows.InputRows, filtered = fit.Design.Rows.Filtered, dropped_missing = fit.Design.Rows.MissingDropped },
            groups = fit.Groups.DistinctBy(g => g.Grouping).Select(g => new { name = g.Grouping, levels = g.Levels }),
            criterion = new { kind = fit.Criterion == Numerics.LmmCriterion.Reml ? "REML criterion" : "deviance", value = fit.CriterionValue },
            log_lik = fit.LogLikelihood,
            aic = fit.Aic,
            bic = fit.Bic,
            sigma = fit.Sigma,
            theta = fit.Theta,
            variance_components = fit.VarianceComponents.Select(c => new { group = c.Group, var1 = c.Column1, var2 = c.Column2, vcov = c.Variance, sdcor = c.SdOrCorrelation }),
            conventions = new { likelihood = fit.CriterionLabel, df_rule = "Satterthwaite", text = Conventions },
            convergence = new
            {
                iterations = fit.Convergence.Iterations,
                evaluations = fit.Convergence.Evaluations,
                exit = fit.Convergence.Exit.ToString(),
                max_abs_gradient = fit.Convergence.MaxAbsGradient,
                singular = fit.Convergence.Singular,
                messages = fit.Convergence.Messages,
            },
            dropped_terms = fit.DroppedTerms,
            confidence_level = Level,
            coefficients = Rows.Select(r => new
            {
                term = r.Term,
                estimate = r.Estimate,
                std_error = r.StdError,
                statistic = r.Statistic,
                df = r.Df,
                p_value = r.PValue,
                conf_low = r.ConfLow,
                conf_high = r.ConfHigh,
            }),
        };
        return JsonSerializer.Serialize(dto, Summary.JsonOptions);
    }

    public override string ToString() => ToText();
}
