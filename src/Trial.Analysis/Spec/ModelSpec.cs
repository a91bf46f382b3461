namespace Trial.Analysis.Spec;

/// <summary>
/// What to fit, independent of data: the formula (outcome, terms, absorbed fixed effects, random effects), cluster
/// variables (one- or two-way), weights, sample filter and factor reference levels. Immutable; the With* methods
/// return copies. How the variance is estimated is chosen later (<c>Inference.VcovSpec</c>).
/// </summary>
public sealed record ModelSpec
{
    public ModelSpec(Formula formula)
    {
        Formula = formula;
    }

    public Formula Formula { get; init; }

    /// <summary>Cluster columns: empty, one (one-way) or two (two-way).</summary>
    public IReadOnlyList<string> Clusters { get; init; } = [];

    /// <summary>Column of analytic (precision) weights, as lm(weights=); null for unweighted.</summary>
    public string? Weights { get; init; }

    /// <summary>Sample filter: rows satisfying all conditions are used.</summary>
    public IReadOnlyList<SampleCondition> Filter { get; init; } = [];

    /// <summary>Reference level per factor column; overrides the default (first level in sorted order, like R).</summary>
    public IReadOnlyDictionary<string, string> ReferenceLevels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Observations alone in an absorbed fixed-effect level: dropped (default, counted and reported) or kept.</summary>
    public SingletonPolicy Singletons { get; init; } = SingletonPolicy.Drop;

    /// <summary>Parses <paramref name="formula"/> (R lm/lmer syntax, fixest <c>| fe</c>).</summary>
    public static ModelSpec FromFormula(string formula) => new(Formula.Parse(formula));

    public ModelSpec WithCluster(params string[] clusters)
    {
        if (clusters.Length is < 1 or > 2)
        {
            throw new ModelInputException($"cluster: one or two cluster columns are supported, got {clusters.Length}");
        }
        return this with { Clusters = clusters };
    }

    public ModelSpec WithSingletons(SingletonPolicy policy) => this with { Singletons = policy };

    public ModelSpec WithWeights(string column) => this with { Weights = column };

    public ModelSpec Where(SampleCondition condition) => this with { Filter = Filter.Append(condition).ToArray() };

    public ModelSpec WithReference(string column, string level)
    {
        var levels = new Dictionary<string, string>(ReferenceLevels, StringComparer.Ordinal) { [column] = level };
        return this with { ReferenceLevels = levels };
    }

    /// <summary>All columns the model reads (formula, clusters, weights, filter).</summary>
    public IEnumerable<string> Columns => Formula.Columns
        .Concat(Clusters)
        .Concat(Weights is null ? [] : [Weights])
        .Concat(Filter.Select(f => f.Column))
        .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Columns whose values are group labels (cluster, absorbed fixed effect, factor() or relevel() variable,
    /// random-effect grouping, a reference level): these are grouped by their exact text, never as numbers.
    /// </summary>
    public IEnumerable<string> GroupingColumns => Formula.AbsorbedFixedEffects
        .Concat(Clusters)
        .Concat(Formula.Terms.SelectMany(t => t.Variables).Where(v => v.Coding == VariableCoding.Factor || v.ReferenceLevel is not null).Select(v => v.Column))
        .Concat(Formula.RandomEffects.SelectMany(r => r.Grouping))
        .Concat(ReferenceLevels.Keys)
        .Distinct(StringComparer.Ordinal);

    public override string ToString()
    {
        var parts = new List<string> { Formula.Text };
        if (Clusters.Count > 0)
        {
            parts.Add($"cluster = ~{string.Join(" + ", Clusters)}");
        }
        if (Weights is not null)
        {
            parts.Add($"weights = {Weights}");
        }
        if (Filter.Count > 0)
        {
            parts.Add($"subset = {string.Join(" & ", Filter)}");
        }
        return string.Join(", ", parts);
    }
}
