using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.MissingData;
using Trial.Analysis.Ols;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Tests.MissingData;

/// <summary>
/// The missing-follow-up sensitivity analyses against R (reference/missing/missing_data.R, R 4.2, mice 3.15, sandwich 3.0):
/// the IPW response model against glm(binomial), the weighted analysis against lm(weights = 1/p̂) + vcovHC(HC1);
/// multiple imputation's analysis and pooling step on mice's own 20 imputations against pool(with(imp, lm(...)))
/// exactly, and this project's PMM imputation step against a separate mice run (m = 50) within Monte-Carlo error
/// (the two use different random numbers, so only that comparison is possible).
/// </summary>
public class MissingDataGoldenTests
{
    private static readonly string[] Occasions = ["6", "12"];

    private static List<string[]> Rows(string file) =>
        [.. File.ReadAllLines(Golden.PathOf(file)).Skip(1).Select(l => l.Split(',').Select(f => f.Trim('"')).ToArray())];

    private static string[] Header(string file) => File.ReadLines(Golden.PathOf(file)).First().Split(',').Select(f => f.Trim('"')).ToArray();

    private static double Parse(string s) => s is "NA" or "" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>missing_wide.csv: participant as text, every other column numeric (NA → NaN).</summary>
    private static DataFrame Wide()
    {
        var header = Header("missing/missing_wide.csv");
        var rows = Rows("missing/missing_wide.csv");
        return new DataFrame(header.Select((h, j) => j == 0
            ? (DataColumn)new TextColumn(h, [.. rows.Select(r => (string?)r[j])])
            : new NumericColumn(h, [.. rows.Select(r => Parse(r[j]))])));
    }

    [Fact]
    public void ResponseModelAndWeightedAnalysis_MatchGlmAndWeightedLmHc1()
    {
        var wide = Wide();
        var expected = Rows("missing/ipw_reference.csv");
        foreach (var occasion in Occasions)
        {
            var frame = wide.With(new NumericColumn("responded", wide.Numeric("r" + occasion).Values));
            var weights = ResponseWeights.Estimate(frame, "participant", "ips + age + female + born_norway + single_divorced + involuntary_admission + y0");
            var response = expected.Where(r => r[0] == occasion && r[1] == "response").ToDictionary(r => r[2], r => r);
            foreach (var (name, j) in weights.Model.Names.Select((n, j) => (n, j)))
            {
                Golden.AssertRelative(Parse(response[name][3]), weights.Model.Coefficients[j], 1e-6, $"{occasion} response β {name}");
                Golden.AssertRelative(Parse(response[name][4]), weights.Model.StandardError(j), 1e-6, $"{occasion} response SE {name}");
            }
            Assert.True(weights.Model.Converged);
            Golden.AssertRelative(Parse(response["deviance"][3]), weights.Model.Deviance, 1e-9, $"{occasion} deviance");
            Golden.AssertRelative(Parse(response["max_weight"][3]), weights.MaxWeight, 1e-6, $"{occasion} max weight");
            Assert.Equal(int.Parse(response["deviance"][5], CultureInfo.InvariantCulture), weights.ModelledPeople);

            var ids = frame["participant"];
            var w = Enumerable.Range(0, frame.RowCount).Select(i => weights.Weights.TryGetValue(ids.Format(i), out var v) ? v : double.NaN).ToArray();
            var analysed = frame.With(new NumericColumn("w", w)).With(new NumericColumn("y", wide.Numeric("y" + occasion).Values));
            var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ ips + y0").WithWeights("w"), analysed);
            var inference = fit.Infer(VcovSpec.Hetero(VcovKind.HC1));
            var lm = expected.Where(r => r[0] == occasion && r[1] == "weighted_lm_hc1").ToDictionary(r => r[2], r => r);
            Assert.Equal(int.Parse(lm["ips"][5], CultureInfo.InvariantCulture), fit.N);
            foreach (var (name, j) in fit.Names.Select((n, j) => (n, j)))
            {
                Golden.AssertRelative(Parse(lm[name][3]), fit.Coefficients[j], 1e-6, $"{occasion} weighted β {name}");
                Golden.AssertRelative(Parse(lm[name][4]), inference.StandardError(j), 1e-6, $"{occasion} weighted HC1 SE {name}");
            }
        }
    }

    [Fact]
    public void Pooling_OnMiceImputations_MatchesMicePool()
    {
        var header = Header("missing/mi_imputed_long.csv");
        var completed = Rows("missing/mi_imputed_long.csv").GroupBy(r => r[0]).Select(g => DataFrame.FromNumeric(
            [.. header.Skip(2).Select((h, j) => (h, g.Select(r => Parse(r[j + 2])).ToArray()))])).ToList();
        Assert.Equal(20, completed.Count);
        var expected = Rows("missing/mi_reference.csv").Where(r => r[0] == "fixed-imputations").ToList();
        foreach (var occasion in Occasions)
        {
            var pooled = ImputedFits.Pool(completed, $"y{occasion} ~ ips + y0");
            foreach (var r in expected.Where(r => r[1] == occasion))
            {
                var p = pooled[r[2]];
                var what = $"{occasion} {r[2]}";
                Golden.AssertRelative(Parse(r[3]), p.Estimate, 1e-9, what + " estimate");
                Golden.AssertRelative(Parse(r[4]), p.StandardError, 1e-9, what + " SE");
                Golden.AssertRelative(Parse(r[5]), p.Df, 1e-9, what + " df");
                Golden.AssertRelative(Parse(r[6]), p.P, 1e-7, what + " p");
                Golden.AssertRelative(Parse(r[7]), p.Lower, 1e-9, what + " CI low");
                Golden.AssertRelative(Parse(r[8]), p.Upper, 1e-9, what + " CI high");
                Assert.Equal(Parse(r[11]), p.CompleteDataDf);
            }
        }
    }

    [Fact]
    public void PmmImputation_AgreesWithMiceWithinMonteCarloError()
    {
        var wide = Wide();
        var names = new[] { "ips", "age", "female", "y0", "y6", "y12" };
        var imputed = ChainedImputation.Impute([.. names.Select(n => wide.Numeric(n).Values)], new ImputationSettings(50, 10, 5, 20161203));
        var completed = imputed.Select(c => DataFrame.FromNumeric([.. names.Select((n, j) => (n, c[j]))])).ToList();
        Assert.All(completed, c => Assert.DoesNotContain(c.Numeric("y6").Values, double.IsNaN));
        // Imputed values are always observed values (PMM).
        var observed6 = wide.Numeric("y6").Values.Where(v => !double.IsNaN(v)).ToHashSet();
        Assert.All(completed[0].Numeric("y6").Values, v => Assert.Contains(v, observed6));
        var mice = Rows("missing/mi_reference.csv").Where(r => r[0] == "mice-m50").ToList();
        foreach (var occasion in Occasions)
        {
            var pooled = ImputedFits.Pool(completed, $"y{occasion} ~ ips + y0");
            foreach (var r in mice.Where(r => r[1] == occasion && r[2] != "(Intercept)"))
            {
                var p = pooled[r[2]];
                var (estimate, se) = (Parse(r[3]), Parse(r[4]));
                Assert.True(Math.Abs(p.Estimate - estimate) <= 0.25 * se, $"{occasion} {r[2]}: {p.Estimate:G5} vs mice {estimate:G5} (SE {se:G3})");
                Assert.InRange(p.StandardError / se, 0.85, 1.15);
            }
        }
        var again = ChainedImputation.Impute([.. names.Select(n => wide.Numeric(n).Values)], new ImputationSettings(2, 10, 5, 20161203));
        Assert.Equal(imputed[1][4], again[1][4]);
    }
}
