namespace Trial.Analysis.DiD;

/// <summary>
/// ATT(g,t) of a staggered panel (Callaway &amp; Sant'Anna 2021, no covariates) with the unit-level influence functions
/// needed for analytic SEs of the aggregations. <see cref="Aggregate"/> follows did::aggte (incl. the estimated-weights term).
/// </summary>
public sealed class CallawaySantAnnaResult
{
    private readonly double[][] _influence;   // per ATT(g,t): n-vector of (n/n₁)·ψ_i
    private readonly double[] _unitGroup;     // per unit: first treated period, +∞ if never

    internal CallawaySantAnnaResult(IReadOnlyList<GroupTimeAtt> atts, double[][] influence, double[] unitGroup, ControlGroup control, int droppedAlwaysTreated)
    {
        Atts = atts;
        _influence = influence;
        _unitGroup = unitGroup;
        Control = control;
        DroppedAlwaysTreated = droppedAlwaysTreated;
    }

    public IReadOnlyList<GroupTimeAtt> Atts { get; }

    public ControlGroup Control { get; }

    /// <summary>Units treated in or before the first period (dropped, as did does).</summary>
    public int DroppedAlwaysTreated { get; }

    public int Units => _unitGroup.Length;

    /// <summary>Conventions printed with every CS output.</summary>
    public string Conventions =>
        $"Callaway–Sant'Anna ATT(g,t), no covariates, control = {Control}, base period = varying (pre) / g−1 (post), anticipation 0, " +
        $"analytic SEs from influence functions (did bstrap = FALSE), {Units} units{(DroppedAlwaysTreated > 0 ? $", {DroppedAlwaysTreated} always-treated units dropped" : "")}";

    public Aggregation Aggregate(AggregationType type)
    {
        var n = Units;
        var groups = _unitGroup.Where(double.IsFinite).Distinct().Order().ToArray();
        var pg = groups.ToDictionary(g => g, g => _unitGroup.Count(u => u == g) / (double)n);
        var pgg = Atts.Select(a => pg[a.Group]).ToArray();
        switch (type)
        {
            case AggregationType.Simple:
            {
                var keepers = Indices(a => a.IsPost);
                var (att, inf) = Weighted(keepers, pgg);
                return new Aggregation(type, new AggregatedEffect("simple", double.NaN, att, Se(inf)), []);
            }
            case AggregationType.Dynamic:
            {
                var effects = new List<AggregatedEffect>();
                var infs = new List<double[]>();
                foreach (var e in Atts.Select(a => a.Time - a.Group).Distinct().Order())
                {
                    var (att, inf) = Weighted(Indices(a => a.Time - a.Group == e), pgg);
                    effects.Add(new AggregatedEffect($"e = {e}", e, att, Se(inf)));
                    infs.Add(inf);
                }
                var post = effects.Select((x, i) => (x, i)).Where(p => p.x.Key >= 0).ToArray();
                var overallInf = new double[n];
                foreach (var (_, i) in post)
                {
                    Add(overallInf, infs[i], 1.0 / post.Length);
                }
                return new Aggregation(type, new AggregatedEffect("dynamic (mean over e ≥ 0)", double.NaN, post.Average(p => p.x.Att), Se(overallInf)), effects);
            }
            default:
            {
                var effects = new List<AggregatedEffect>();
                var infs = new List<double[]>();
                foreach (var g in groups)
                {
                    var which = Indices(a => a.Group == g && a.IsPost);
                    var inf = new double[n];
                    foreach (var k in which)
                    {
                        Add(inf, _influence[k], 1.0 / which.Length);
                    }
                    effects.Add(new AggregatedEffect($"g = {g}", g, which.Average(k => Atts[k].Att), Se(inf)));
                    infs.Add(inf);
                }
                var weights = groups.Select(g => pg[g]).ToArray();
                var total = weights.Sum();
                var overall = new double[n];
                for (var j = 0; j < groups.Length; j++)
                {
                    Add(overall, infs[j], weights[j] / total);
                }
                var attG = effects.Select(x => x.Att).ToArray();
                Add(overall, WeightInfluence(Enumerable.Range(0, groups.Length).ToArray(), weights, groups, attG), 1.0);
                return new Aggregation(type, new AggregatedEffect("group (weighted by group size)", double.NaN, effects.Select((x, j) => x.Att * weights[j]).Sum() / total, Se(overall)), effects);
            }
        }
    }

    private int[] Indices(Func<GroupTimeAtt, bool> predicate) => Atts.Select((a, i) => (a, i)).Where(p => predicate(p.a)).Select(p => p.i).ToArray();

    /// <summary>Σ_k w_k ATT_k with w ∝ pgg, and its influence function incl. the estimated-weights term (did's wif).</summary>
    private (double Att, double[] Influence) Weighted(int[] keepers, double[] pgg)
    {
        var total = keepers.Sum(k => pgg[k]);
        var inf = new double[Units];
        double att = 0;
        foreach (var k in keepers)
        {
            var w = pgg[k] / total;
            att += w * Atts[k].Att;
            Add(inf, _influence[k], w);
        }
        var groupOf = Atts.Select(a => a.Group).ToArray();
        Add(inf, WeightInfluence(keepers, pgg, groupOf, Atts.Select(a => a.Att).ToArray()), 1.0);
        return (att, inf);
    }

    /// <summary>did's wif(keepers, pg, G, group) %*% att[keepers]: the influence of estimating P(G = g).</summary>
    private double[] WeightInfluence(int[] keepers, double[] pg, double[] groupOf, double[] att)
    {
        var total = keepers.Sum(k => pg[k]);
        var result = new double[Units];
        for (var i = 0; i < Units; i++)
        {
            double rowSum = 0, if1 = 0, attWeighted = 0;
            foreach (var k in keepers)
            {
                var centred = (_unitGroup[i] == groupOf[k] ? 1.0 : 0.0) - pg[k];
                rowSum += centred;
                if1 += centred / total * att[k];
                attWeighted += pg[k] / (total * total) * att[k];
            }
            result[i] = if1 - rowSum * attWeighted;
        }
        return result;
    }

    private double Se(double[] influence) => Math.Sqrt(influence.Sum(v => v * v) / Units / Units);

    private static void Add(double[] target, double[] source, double weight)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += weight * source[i];
        }
    }
}
