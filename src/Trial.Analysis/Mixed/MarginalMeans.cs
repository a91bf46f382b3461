using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Mixed;

/// <summary>
/// Estimated marginal means as emmeans computes them for a mixed model: a reference grid of every combination
/// of the factor levels in the fixed part, numeric covariates at their mean over the fitted rows, the model
/// matrix of each grid row built by the same <see cref="Design"/> code, equal weights over factors not named,
/// and Satterthwaite df (emmeans <c>lmer.df = "satterthwaite"</c>) for every mean and difference.
/// </summary>
public sealed class MarginalMeans
{
    private readonly MixedInference _inference;
    private readonly Dictionary<(string Level, string? By), double[]> _rows;

    private MarginalMeans(MixedInference inference, string factor, string? by, double level, Dictionary<(string, string?), double[]> rows, IReadOnlyList<string> covariatesAtMean)
    {
        _inference = inference;
        Factor = factor;
        By = by;
        Level = level;
        _rows = rows;
        Means = [.. rows.Select(kv =>
        {
            var r = inference.Contrast(kv.Key.Item1, kv.Value, level);
            return new MarginalMean(kv.Key.Item1, kv.Key.Item2, r.Estimate, r.StdError, r.Df, r.ConfLow, r.ConfHigh);
        })];
        Conventions =
        [
            $"Estimated marginal means of {factor}{(by is null ? "" : $" by {by}")} (emmeans reference grid; equal weights over other factors" +
                (covariatesAtMean.Count == 0 ? ")" : $"; {string.Join(", ", covariatesAtMean)} at the mean)"),
            $"{inference.Fit.CriterionLabel} fit; df: {MixedInference.DfMethod}; {level * 100:G4}% t intervals",
        ];
    }

    public string Factor { get; }

    public string? By { get; }

    public double Level { get; }

    public IReadOnlyList<MarginalMean> Means { get; }

    /// <summary>What was computed and how, for printing.</summary>
    public IReadOnlyList<string> Conventions { get; }

    /// <summary>The difference <paramref name="level"/> − <paramref name="reference"/> within each by-level, with t test and CI.</summary>
    public IReadOnlyList<MarginalContrast> Differences(string level, string reference)
    {
        var byLevels = _rows.Keys.Select(k => k.By).Distinct().ToArray();
        var label = $"{level} - {reference}";
        return [.. byLevels.Select(b =>
        {
            var a = Row(level, b);
            var r = Row(reference, b);
            var row = _inference.Contrast(label, [.. a.Zip(r, (x, y) => x - y)], Level);
            return new MarginalContrast(label, b, row.Estimate, row.StdError, row.Df, row.Statistic, row.PValue, row.ConfLow, row.ConfHigh);
        })];
    }

    private double[] Row(string level, string? by) => _rows.TryGetValue((level, by), out var row)
        ? row
        : throw new ModelInputException($"marginal means: '{level}' is not a level of {Factor}; the levels are {string.Join(", ", _rows.Keys.Select(k => k.Level).Distinct())}");

    internal static MarginalMeans Compute(MixedInference inference, string factor, string? by, double level)
    {
        var fit = inference.Fit;
        var spec = fit.Design.Spec;
        var data = fit.Data;
        var rows = fit.Design.SourceRows;
        var variables = spec.Formula.Terms.SelectMany(t => t.Variables).DistinctBy(v => v.Column).ToArray();
        bool IsFactor(Variable v) => v.Coding == VariableCoding.Factor || data[v.Column] is TextColumn || spec.ReferenceLevels.ContainsKey(v.Column);
        var factors = variables.Where(IsFactor).Select(v => v.Column).ToArray();
        foreach (var name in by is null ? [factor] : new[] { factor, by })
        {
            if (!factors.Contains(name, StringComparer.Ordinal))
            {
                throw new ModelInputException($"marginal means: '{name}' is not a factor in the fixed part of {spec.Formula.Text}; the factors are {string.Join(", ", factors)}");
            }
        }
        var levels = factors.ToDictionary(f => f, f => FactorCoder.Code(data[f], rows).Levels, StringComparer.Ordinal);
        var covariates = variables.Where(v => !IsFactor(v)).Select(v => v.Column).ToArray();
        var means = covariates.ToDictionary(c => c, c => rows.Average(r => data.Numeric(c).Values[r]), StringComparer.Ordinal);

        var grid = new List<int[]> { Array.Empty<int>() };
        foreach (var f in factors)
        {
            grid = [.. grid.SelectMany(g => Enumerable.Range(0, levels[f].Count).Select(l => (int[])[.. g, l]))];
        }
        var columns = spec.Columns.Distinct(StringComparer.Ordinal).Select(c => GridColumn(c, data, rows[0], grid, factors, levels, means)).ToList();
        var gridSpec = spec with { Filter = [], Clusters = [], Weights = null };
        var gridDesign = Design.Build(gridSpec, new DataFrame(columns));
        if (gridDesign.RowCount != grid.Count) { throw new EstimationException("the reference grid lost rows while building its design"); }
        var map = fit.Names.Select(n =>
        {
            var index = gridDesign.ColumnNames.ToList().IndexOf(n);
            return index >= 0 ? index : throw new EstimationException($"the reference grid has no column '{n}'");
        }).ToArray();

        var factorIndex = Array.IndexOf(factors, factor);
        var byIndex = by is null ? -1 : Array.IndexOf(factors, by);
        var result = new Dictionary<(string, string?), double[]>();
        var counts = new Dictionary<(string, string?), int>();
        for (var g = 0; g < grid.Count; g++)
        {
            var key = (levels[factor][grid[g][factorIndex]], byIndex < 0 ? null : levels[by!][grid[g][byIndex]]);
            if (!result.TryGetValue(key, out var l))
            {
                l = new double[map.Length];
                result[key] = l;
                counts[key] = 0;
            }
            counts[key]++;
            for (var k = 0; k < map.Length; k++) { l[k] += gridDesign.X[map[k]][g]; }
        }
        foreach (var (key, l) in result)
        {
            for (var k = 0; k < l.Length; k++) { l[k] /= counts[key]; }
        }
        var ordered = result.OrderBy(kv => byIndex < 0 ? 0 : levels[by!].ToList().IndexOf(kv.Key.Item2!))
            .ThenBy(kv => levels[factor].ToList().IndexOf(kv.Key.Item1))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        return new MarginalMeans(inference, factor, by, level, ordered, covariates);
    }

    private static DataColumn GridColumn(string name, DataFrame data, int firstRow, List<int[]> grid, string[] factors, Dictionary<string, IReadOnlyList<string>> levels, Dictionary<string, double> means)
    {
        var source = data[name];
        var f = Array.IndexOf(factors, name);
        if (f >= 0)
        {
            var labels = grid.Select(g => levels[name][g[f]]).ToArray();
            return source is NumericColumn
                ? new NumericColumn(name, [.. labels.Select(l => double.Parse(l, CultureInfo.InvariantCulture))])
                : new TextColumn(name, labels);
        }
        if (means.TryGetValue(name, out var mean)) { return new NumericColumn(name, [.. grid.Select(_ => mean)]); }
        return source switch
        {
            NumericColumn n => new NumericColumn(name, [.. grid.Select(_ => n.Values[firstRow])]),
            TextColumn t => new TextColumn(name, [.. grid.Select(_ => t.Values[firstRow])]),
            _ => throw new InvalidOperationException($"unknown column type for '{name}'"),
        };
    }
}
