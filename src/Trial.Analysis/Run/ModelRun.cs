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
    public static ModelRun Estimate(string formula, DataFrame data, IReadOnlyList<InferenceChoice> choices, IReadOnlyDictionary<string, string>? references = null)
    {
        ModelRun? run = null;
        foreach (var group in choices.Where(c => c.Method == InferenceMethod.Sandwich).GroupBy(c => c.Cluster))
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
            var fit = OlsEstimator.Fit(spec, data);
            run ??= new ModelRun(formula, fit, CountPersons(fit, data));
            foreach (var choice in group)
            {
                run.inferences[choice.Id] = fit.Infer(choice.ToVcovSpec());
            }
        }
        return run ?? throw new InvalidOperationException($"model '{formula}' has no sandwich inference choice to run");
    }

    public bool Has(InferenceChoice choice) => inferences.ContainsKey(choice.Id);

    public Inference InferenceFor(InferenceChoice choice) => inferences[choice.Id];

    /// <summary>The tidy row of a term under a choice (95 % CI).</summary>
    public TidyRow Row(string term, InferenceChoice choice) =>
        inferences[choice.Id].Summarise().Rows.Single(r => r.Term == term);

    public bool HasTerm(string term) => Fit.Names.Contains(term, StringComparer.Ordinal);

    public WaldTest Test(LinearHypothesis hypothesis, InferenceChoice choice) => inferences[choice.Id].Test(hypothesis);

    public IReadOnlyList<string> Conventions(InferenceChoice choice) => inferences[choice.Id].Summarise().Conventions;

    private static int CountPersons(OlsFit fit, DataFrame data)
    {
        var participant = data["participant"];
        return fit.Design.SourceRows.Select(participant.Format).Distinct(StringComparer.Ordinal).Count();
    }
}
