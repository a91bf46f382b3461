using Trial.Analysis.Bootstrap;
using Trial.Analysis.Data;
using Trial.Analysis.Ols;
using Trial.Analysis.Plan;
using Trial.Analysis.Spec;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Run;

/// <summary>
/// One regression fitted once per cluster level and inferred under every inference choice of the plan:
/// the same coefficients, a variance per choice, each with its printed conventions.
/// </summary>
public sealed class ModelRun
{
    private readonly Dictionary<string, Inference> inferences = new(StringComparer.Ordinal);
    private readonly Dictionary<ClusterLevel, OlsFit> fits = [];
    private readonly Dictionary<(string, string), WildBootstrapResult> bootstraps = [];
    private readonly Dictionary<string, IReadOnlyList<TidyRow>> rows = new(StringComparer.Ordinal);

    private ModelRun(string formula, OlsFit fit, int persons)
    {
        Formula = formula;
        Fit = fit;
        Persons = persons;
    }

    public string Formula { get; }

    public OlsFit Fit { get; }

    public int Persons { get; }

    public int N => Fit.N;

    public double RSquared => Fit.RSquared;

    /// <summary>Fits <paramref name="formula"/> on <paramref name="data"/> and infers under each sandwich choice.</summary>
    public static ModelRun Estimate(string formula, DataFrame data, IReadOnlyList<InferenceChoice> choices, IReadOnlyDictionary<string, string>? references = null) =>
        EstimateOutcomes(formula, [data], choices, references)[0];

    /// <summary>
    /// <see cref="Estimate"/> of one model on each outcome's frame. Outcomes observed on the same rows share their design
    /// and one factorisation of it (<see cref="OutcomesOnOneDesign"/>); every run is exactly the one Estimate gives.
    /// </summary>
    public static IReadOnlyList<ModelRun> EstimateOutcomes(string formula, IReadOnlyList<DataFrame> frames, IReadOnlyList<InferenceChoice> choices,
        IReadOnlyDictionary<string, string>? references = null)
    {
        var runs = new ModelRun?[frames.Count];
        var fitted = false;
        foreach (var group in choices.Where(c => c.Method is InferenceMethod.Sandwich or InferenceMethod.WildClusterBootstrap).GroupBy(c => c.Cluster))
        {
            var spec = ModelSpec.FromFormula(formula);
            foreach (var (column, level) in references ?? new Dictionary<string, string>())
            {
                spec = spec.WithReference(column, level);
            }
            if (group.Key != ClusterLevel.None)
            {
                spec = spec.WithCluster(group.Key == ClusterLevel.Centre ? "centre" : "participant");
            }
            // The clusters change only the variance: one fit per outcome, re-clustered for the other cluster levels.
            var fits = fitted ? [.. frames.Select((data, i) => OlsEstimator.Recluster(runs[i]!.Fit, spec, data))] : OutcomesOnOneDesign.Fit(spec, frames);
            fitted = true;
            for (var i = 0; i < frames.Count; i++)
            {
                var run = runs[i] ??= new ModelRun(formula, fits[i], CountPersons(fits[i], frames[i]));
                run.fits[group.Key] = fits[i];
                foreach (var choice in group.Where(c => c.Method == InferenceMethod.Sandwich))
                {
                    run.inferences[choice.Id] = fits[i].Infer(choice.ToVcovSpec());
                }
            }
        }
        return fitted ? runs.Select(r => r!).ToArray() : throw new InvalidOperationException($"model '{formula}' has no sandwich inference choice to run");
    }

    public bool Has(InferenceChoice choice) => inferences.ContainsKey(choice.Id);

    /// <summary>The wild cluster bootstrap of one coefficient (computed once, deterministic given the plan's seed).</summary>
    public WildBootstrapResult Bootstrap(string term, InferenceChoice choice)
    {
        if (!bootstraps.TryGetValue((term, choice.Id), out var result))
        {
            var weights = choice.BootstrapWeights == "webb" ? BootstrapWeights.Webb : BootstrapWeights.Rademacher;
            result = WildClusterBootstrap.Run(fits[choice.Cluster], new WildBootstrapSpec(term, 0, weights, choice.Replications, choice.Seed));
            bootstraps[(term, choice.Id)] = result;
        }
        return result;
    }

    public Inference InferenceFor(InferenceChoice choice) => inferences[choice.Id];

    /// <summary>Whether the bootstrap of <paramref name="term"/> under <paramref name="choice"/> has been run.</summary>
    public bool HasBootstrap(string term, InferenceChoice choice) => bootstraps.ContainsKey((term, choice.Id));

    /// <summary>The tidy row of a term under a choice (95 % CI).</summary>
    public TidyRow Row(string term, InferenceChoice choice)
    {
        if (!rows.TryGetValue(choice.Id, out var table))
        {
            table = Tidy(inferences[choice.Id]);
            rows[choice.Id] = table;
        }
        return table.Single(r => r.Term == term);
    }

    /// <summary>
    /// The tidy table; when the library cannot form a t distribution for some coefficient (df not positive, e.g. a
    /// CR2 Satterthwaite df of a dummy that is constant within clusters), that coefficient gets NaN p and CI instead of
    /// failing the whole table.
    /// </summary>
    private static IReadOnlyList<TidyRow> Tidy(Inference inference)
    {
        try
        {
            return inference.Summarise().Rows;
        }
        catch (Exception e) when (e is ArgumentException or MathNet.Numerics.NonConvergenceException)
        {
            var fit = inference.Fit;
            return Enumerable.Range(0, fit.Rank).Select(j =>
            {
                var (est, se, df) = (fit.Coefficients[j], inference.StandardError(j), inference.Df[j]);
                if (!(df >= 0.5) || !(se > 0))
                {
                    return new TidyRow(fit.Names[j], est, se, est / se, df, double.NaN, double.NaN, double.NaN);
                }
                var t = new MathNet.Numerics.Distributions.StudentT(0, 1, df);
                var q = t.InverseCumulativeDistribution(0.975);
                return new TidyRow(fit.Names[j], est, se, est / se, df, 2 * (1 - t.CumulativeDistribution(Math.Abs(est / se))), est - q * se, est + q * se);
            }).ToList();
        }
    }

    public bool HasTerm(string term) => Fit.Names.Contains(term, StringComparer.Ordinal);

    public WaldTest Test(LinearHypothesis hypothesis, InferenceChoice choice) => inferences[choice.Id].Test(hypothesis);

    public IReadOnlyList<string> Conventions(InferenceChoice choice)
    {
        try
        {
            return inferences[choice.Id].Summarise().Conventions;
        }
        catch (Exception e) when (e is ArgumentException or MathNet.Numerics.NonConvergenceException)
        {
            return [$"vcov: {choice.Label}"];
        }
    }

    private static int CountPersons(OlsFit fit, DataFrame data)
    {
        var participant = data["participant"];
        if (participant is not TextColumn text)
        {
            return fit.Design.SourceRows.Select(participant.Format).Distinct(StringComparer.Ordinal).Count();
        }
        // By level code rather than by hashing each row's text (this runs once per model of the plan).
        var (codes, levels) = text.Interned();
        var seen = new bool[levels.Length + 1];
        var count = 0;
        foreach (var r in fit.Design.SourceRows)
        {
            var c = codes[r] + 1;
            count += seen[c] ? 0 : 1;
            seen[c] = true;
        }
        return count;
    }
}
