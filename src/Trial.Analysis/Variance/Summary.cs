using Trial.Analysis.Numerics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trial.Analysis.Variance;

/// <summary>
/// The tidy coefficient table of an <see cref="Inference"/> and the conventions that produced it (variance estimator,
/// small-sample factor, K counting, df rule), as text or JSON. Every output of the engine prints these.
/// </summary>
public sealed class Summary
{
    private Summary(Inference inference, double level, IReadOnlyList<TidyRow> rows, IReadOnlyList<string> conventions)
    {
        Warnings = inference.Fit.EssentiallyPerfectFit ? [Ols.OlsFit.PerfectFitWarning] : [];
        Inference = inference;
        Level = level;
        Rows = rows;
        Conventions = conventions;
    }

    public Inference Inference { get; }

    public double Level { get; }

    public IReadOnlyList<TidyRow> Rows { get; }

    /// <summary>One line per convention, e.g. "vcov: CR1S clustered by person (G = 1308)".</summary>
    public IReadOnlyList<string> Conventions { get; }

    /// <summary>Warnings R would give for this fit (e.g. summary.lm's "essentially perfect fit").</summary>
    public IReadOnlyList<string> Warnings { get; }

    internal static Summary From(Inference inference, double level)
    {
        var fit = inference.Fit;
        var rows = new List<TidyRow>();
        for (var j = 0; j < fit.Rank; j++)
        {
            var est = fit.Coefficients[j];
            var se = inference.StandardError(j);
            var df = inference.Df[j];
            var t = est / se;
            var q = Inference.Quantile(1 - (1 - level) / 2, df);
            rows.Add(new TidyRow(fit.Names[j], est, se, t, df, Inference.TwoSidedP(t, df), est - q * se, est + q * se));
        }
        return new Summary(inference, level, rows, Describe(inference));
    }

    private static List<string> Describe(Inference inference)
    {
        var fit = inference.Fit;
        var spec = inference.Spec;
        var lines = new List<string>
        {
            $"model: OLS{(fit.Design.Weights is null ? "" : " (weighted)")} {fit.Design.Spec}",
            $"observations: {fit.Design.Rows}",
            $"fixed effects: {fit.Absorption}",
            "solver: " + (fit.Method == LeastSquaresMethod.CholeskyOfCrossProducts
                ? "Cholesky of X'X (scaled condition bound ≤ 1e3, so as accurate as QR to 1e-10)"
                : "Householder QR, collinear columns dropped by lm's rule (tol 1e-7)"),
        };
        var vcov = spec.Kind switch
        {
            VcovKind.Iid => "IID (classical)",
            >= VcovKind.HC0 and <= VcovKind.HC3 => $"{spec.Kind} heteroskedasticity-robust",
            _ => $"{spec.Kind} clustered by {string.Join(" × ", inference.Clusters.Select(c => $"{c.Name} (G = {c.Count})"))}" +
                 (inference.Clusters.Count > 1 ? $", two-way {spec.Multiway}" : ""),
        };
        lines.Add($"vcov: {vcov}");
        lines.Add($"small-sample factor: {inference.SmallSampleFactor}");
        var nested = inference.NestedFixedEffects;
        var kText = fit.Absorption.Names.Count == 0
            ? $"K = {inference.SmallSampleK} (rank of X)"
            : spec.FixedEffectK == FixedEffectCounting.Full || !spec.IsClustered
                ? $"K = {inference.SmallSampleK} = {fit.Rank} coefficients + {fit.Absorption.AbsorbedDf} absorbed FE df (all FE counted, as lm dummies)"
                : $"K = {inference.SmallSampleK} = {fit.Rank} coefficients + FE df not nested in clusters (nested, not counted: {(nested.Count == 0 ? "none" : string.Join(", ", nested))}; fixest K.fixef = \"nonnested\")";
        lines.Add($"K counting: {kText}");
        lines.Add("df: " + spec.Df switch
        {
            DfRule.Residual => $"t(N−K) = t({fit.N - inference.SmallSampleK})",
            DfRule.ClustersMinusOne => $"t(G−1) = t({inference.Clusters.Min(c => c.Count) - 1}){(inference.Clusters.Count > 1 ? " with the smallest G" : "")}",
            DfRule.Satterthwaite => "Satterthwaite per coefficient (Bell–McCaffrey / Pustejovsky–Tipton, = clubSandwich)",
            _ => "normal (z)",
        });
        lines.Add((double.IsNaN(fit.RSquared) ? "R² = NA (constant outcome)" : FormattableString.Invariant($"R² = {fit.RSquared:G8}")) + (fit.Absorption.Names.Count > 0 ? FormattableString.Invariant($", within R² = {fit.WithinRSquared:G8}") : ""));
        if (fit.DroppedTerms.Count > 0)
        {
            lines.Add($"dropped: {string.Join("; ", fit.DroppedTerms.Select(d => $"{d.Name} ({d.Reason})"))}");
        }
        return lines;
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var line in Conventions)
        {
            sb.AppendLine(line);
        }
        foreach (var warning in Warnings)
        {
            sb.AppendLine($"warning: {warning}");
        }
        var width = Math.Max(12, Rows.Count == 0 ? 0 : Rows.Max(r => r.Term.Length));
        var pct = (Level * 100).ToString("G4", CultureInfo.InvariantCulture);
        sb.AppendLine();
        sb.AppendLine(FormattableString.Invariant($"{"term".PadRight(width)} {"estimate",14} {"std.error",14} {"statistic",10} {"df",10} {"p.value",10} {"conf.low (" + pct + "%)",16} {"conf.high",14}"));
        foreach (var r in Rows)
        {
            sb.AppendLine(FormattableString.Invariant($"{r.Term.PadRight(width)} {r.Estimate,14:G8} {r.StdError,14:G8} {r.Statistic,10:F4} {FormatDf(r.Df),10} {r.PValue,10:G4} {r.ConfLow,16:G8} {r.ConfHigh,14:G8}"));
        }
        return sb.ToString();
    }

    private static string FormatDf(double df) => double.IsPositiveInfinity(df) ? "Inf" : df.ToString("G6", CultureInfo.InvariantCulture);

    public string ToJson()
    {
        var fit = Inference.Fit;
        var dto = new
        {
            formula = fit.Design.Spec.Formula.Text,
            estimator = "OLS",
            n = fit.N,
            rows = new
            {
                input = fit.Design.Rows.InputRows,
                filtered = fit.Design.Rows.Filtered,
                dropped_missing = fit.Design.Rows.MissingDropped,
                dropped_zero_weight = fit.Design.Rows.ZeroWeightDropped,
                dropped_singletons = fit.Design.Rows.SingletonsDropped,
            },
            clusters = Inference.Clusters.Select(c => new { name = c.Name, count = c.Count }),
            fixed_effects = fit.Absorption.Names.Select((n, i) => new { name = n, levels = fit.Absorption.Levels[i] }),
            conventions = new
            {
                vcov = Inference.Spec.Kind.ToString(),
                small_sample_factor = Inference.SmallSampleFactor,
                small_sample_k = Inference.SmallSampleK,
                fixed_effect_k = Inference.Spec.FixedEffectK.ToString(),
                multiway = Inference.Clusters.Count > 1 ? Inference.Spec.Multiway.ToString() : null,
                df_rule = Inference.Spec.Df.ToString(),
                text = Conventions,
            },
            warnings = Warnings.Count == 0 ? null : Warnings,
            r_squared = double.IsFinite(fit.RSquared) ? fit.RSquared : (double?)null,
            within_r_squared = double.IsNaN(fit.WithinRSquared) ? (double?)null : fit.WithinRSquared,
            dropped_terms = fit.DroppedTerms.Select(d => new { name = d.Name, reason = d.Reason }),
            confidence_level = Level,
            coefficients = Rows.Select(r => new
            {
                term = r.Term,
                estimate = r.Estimate,
                std_error = r.StdError,
                statistic = r.Statistic,
                df = double.IsPositiveInfinity(r.Df) ? (double?)null : r.Df,
                p_value = r.PValue,
                conf_low = r.ConfLow,
                conf_high = r.ConfHigh,
            }),
        };
        return JsonSerializer.Serialize(dto, JsonOptions);
    }

    /// <summary>JSON layout shared by every model summary (OLS and mixed).</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new FiniteOrNullConverter() },
    };

    /// <summary>JSON has no Infinity or NaN: a non-finite number (t of a zero SE, df ∞) is written as null, as jsonlite's NA.</summary>
    private sealed class FiniteOrNullConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    public override string ToString() => ToText();
}
