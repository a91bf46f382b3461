using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.MissingData;
using Trial.Analysis.Ols;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Run;

/// <summary>
/// Prespecified sensitivity analysis for missing follow-up: inverse probability weighting for response. Per follow-up
/// occasion a logistic response model (answered the occasion ~ arm + the plan's baseline covariates and scores, the
/// variables of seed 001 Table 19) gives p̂; each responder is weighted 1/p̂ in y_t ~ ips + y0, so that responders stand
/// for everyone randomised (valid if response is missing at random given those variables). The variance is the plan's
/// sandwich choice treating the weights as known, which is conservative for estimated weights.
/// </summary>
public static class WeightedResponseAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var choice = a.Inference[0];
        var vcov = choice.ToVcovSpec();
        var people = d.Participants.Where(p => d.InPopulation(a.Population, p)).ToList();
        var baseline = a.ResponseScores.ToDictionary(s => s, s => QuestionnaireScores.At(d, d.Plan.QuestionnaireOutcomes[s], "0m"), StringComparer.Ordinal);
        var predictors = string.Join(" + ", new[] { "ips" }.Concat(a.Controls.Select(c => c.Name)).Concat(a.ResponseScores.Select(s => "baseline_" + s)));
        var rows = new List<MissingFollowUpTable.Row>();
        var notes = new List<string>();
        foreach (var occasion in a.Occasions)
        {
            progress.WriteLine($"  {a.Id}: response model at {occasion}");
            var responded = d.Occasions.Where(o => o.Occasion == occasion && o.Status == "completed").Select(o => o.Participant).ToHashSet(StringComparer.Ordinal);
            var frame = new DataFrame([
                new TextColumn("participant", [.. people.Select(p => (string?)p.Id)]),
                new NumericColumn("responded", [.. people.Select(p => responded.Contains(p.Id) ? 1.0 : 0.0)]),
                new NumericColumn("ips", [.. people.Select(p => p.Treated ? 1.0 : 0.0)]),
                .. PanelFrame.Covariates(d, people),
                .. a.ResponseScores.Select(s => new NumericColumn("baseline_" + s, [.. people.Select(p => baseline[s].TryGetValue(p.Id, out var v) ? v : double.NaN)])),
            ]);
            var weights = ResponseWeights.Estimate(frame, "participant", predictors);
            notes.Add(l.Text(
                string.Create(CultureInfo.InvariantCulture, $"{occasion}: response model responded ~ {predictors} (logit) on {weights.ModelledPeople} people ({weights.Unweighted} with an unknown baseline variable left out); {weights.Weights.Count} responders weighted, largest weight {l.Number(weights.MaxWeight, 2)}; {weights.Model.Conventions}."),
                string.Create(CultureInfo.InvariantCulture, $"{occasion}: svarmodell svarte ~ {predictors} (logit) for {weights.ModelledPeople} personer ({weights.Unweighted} med ukjent baselinevariabel utelatt); {weights.Weights.Count} svarende vektet, største vekt {l.Number(weights.MaxWeight, 2)}; logistisk regresjon (IRLS som R glm), {(weights.Model.Converged ? "konvergerte" : "KONVERGERTE IKKE")}.")));
            foreach (var id in a.Outcomes)
            {
                var q = d.Plan.QuestionnaireOutcomes[id];
                var (wide, scores) = MissingFollowUpTable.Wide(d, a, q);
                var y = scores[occasion];
                PanelFrame.RequireVariation(d, a, id, y.Where(v => !double.IsNaN(v)));
                var analysed = new DataFrame([
                    new NumericColumn("y", y),
                    new NumericColumn("ips", [.. wide.Select(p => p.Treated ? 1.0 : 0.0)]),
                    new NumericColumn("y0", scores["0m"]),
                    new NumericColumn("w", [.. wide.Select(p => weights.Weights.TryGetValue(p.Id, out var w) ? w : double.NaN)]),
                ]);
                var fit = OlsEstimator.Fit(ModelSpec.FromFormula("y ~ ips + y0").WithWeights("w"), analysed);
                var inference = fit.Infer(vcov);
                var summary = inference.Summarise().Rows.Single(r => r.Term == "ips");
                rows.Add(new MissingFollowUpTable.Row(id, occasion, summary.Estimate, summary.StdError, summary.Df, summary.PValue, summary.ConfLow, summary.ConfHigh, fit.N,
                    weights.Weights.Values.Sum() / Math.Max(1, weights.Weights.Count)));
            }
        }
        notes.Add(l.Text(
            $"Analysis model y_t ~ ips + y0 (baseline score of the same measure) among responders with both scores, weighted 1/p̂ (unstabilised, untrimmed). Variance: {choice.Label}, weights treated as known (conservative). Valid if response is missing at random given the response model's variables. Last column: mean weight of the responders.",
            $"Analysemodell y_t ~ ips + y0 (baselineskår på samme mål) blant svarende med begge skårer, vektet 1/p̂ (ustabilisert, ikke avkortet). Varians: {choice.Label}, vektene behandlet som kjente (konservativt). Gyldig hvis frafallet er tilfeldig gitt variablene i svarmodellen. Siste kolonne: gjennomsnittlig vekt blant de svarende."));
        var (tables, json) = MissingFollowUpTable.Build(a, d, l, rows, ("Mean weight", "Gj.sn. vekt"), "mean_weight", 2, choice.Vcov?.ToString() ?? choice.Id, notes);
        json["responseModel"] = "responded ~ " + predictors;
        return new AnalysisResult(a.Id, a.Heading, tables, [], json, []);
    }
}
