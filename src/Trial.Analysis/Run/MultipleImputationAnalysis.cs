using Trial.Analysis.Data;
using Trial.Analysis.MissingData;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>
/// Prespecified sensitivity analysis for missing follow-up: multiple imputation by chained equations with predictive
/// mean matching (<see cref="ChainedImputation"/>), per outcome on everyone in the population: the baseline and
/// follow-up scores are imputed from each other, the arm and the plan's controls; then y_t ~ ips + y0 on every
/// completed data set, pooled by Rubin's rules with Barnard–Rubin df (<see cref="ImputedFits"/>, as mice::pool).
/// </summary>
public static class MultipleImputationAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var settings = a.Imputation ?? throw new InvalidOperationException($"analysis '{a.Id}' has no imputation settings");
        var occasions = new[] { "0m" }.Concat(a.Occasions).ToList();
        // Each outcome is imputed from its own seeded generator, so the outcomes are independent and run side by side
        // (the same numbers in any order); the first failure in plan order is reported, as one at a time would.
        var pooled = new List<MissingFollowUpTable.Row>[a.Outcomes.Count];
        var failures = new Exception?[a.Outcomes.Count];
        Parallel.For(0, a.Outcomes.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                pooled[i] = Pool(a, d, settings, occasions, a.Outcomes[i]);
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        });
        var rows = new List<MissingFollowUpTable.Row>();
        for (var i = 0; i < a.Outcomes.Count; i++)
        {
            progress.WriteLine($"  {a.Id}: {a.Outcomes[i]} ({settings.Imputations} imputations)");
            if (failures[i] is { } failure)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            }
            rows.AddRange(pooled[i]);
        }
        var controls = a.Controls.Count == 0 ? "" : ", " + string.Join(", ", a.Controls.Select(c => c.Name));
        var notes = new List<string>
        {
            l.Text($"Multiple imputation: {settings.Conventions}; imputation model per measure: the scores at {string.Join(", ", occasions)}, arm{controls} (every variable predicts every other). Analysis model y_t ~ ips + y0 on each completed data set (classical OLS variance), pooled by Rubin's rules; Barnard–Rubin df with complete-data df n − 3 (as mice::pool). Valid if the scores are missing at random given these variables. Last column: fraction of missing information.",
                   $"Multippel imputering: kjedede likninger, prediktiv gjennomsnittsmatching (type 1, {settings.Donors} donorer, som mice pmm), m = {settings.Imputations} imputeringer, {settings.Iterations} iterasjoner, frø {settings.Seed}; imputeringsmodell per mål: skårene ved {string.Join(", ", occasions)}, gruppe{controls}. Analysemodell y_t ~ ips + y0 i hvert komplette datasett (klassisk OLS-varians), slått sammen med Rubins regler; Barnard–Rubin-df med df n − 3 for komplette data (som mice::pool). Gyldig hvis skårene mangler tilfeldig gitt disse variablene. Siste kolonne: andel manglende informasjon."),
        };
        var (tables, json) = MissingFollowUpTable.Build(a, d, l, rows, ("FMI", "FMI"), "fraction_missing_information", 2, "Rubin (iid per imputation)", notes);
        json["imputation"] = settings.Conventions;
        return new AnalysisResult(a.Id, a.Heading, tables, [], json, []);
    }

    /// <summary>One outcome: the chained imputation, then the analysis model on every completed data set, pooled per occasion.</summary>
    private static List<MissingFollowUpTable.Row> Pool(PlannedAnalysis a, StudyData d, ImputationSettings settings, List<string> occasions, string id)
    {
        var (people, scores) = MissingFollowUpTable.Wide(d, a, d.Plan.QuestionnaireOutcomes[id]);
        foreach (var occasion in a.Occasions)
        {
            PanelFrame.RequireVariation(d, a, id, scores[occasion].Where(v => !double.IsNaN(v)));
        }
        var predictors = new List<(string Name, double[] Values)> { ("ips", [.. people.Select(p => p.Treated ? 1.0 : 0.0)]) };
        predictors.AddRange(PanelFrame.Covariates(d, people).OfType<NumericColumn>()
            .Where(c => a.Controls.Any(x => x.Name == c.Name)).Select(c => (c.Name, c.Values)));
        var names = predictors.Select(p => p.Name).Concat(occasions.Select(Column)).ToList();
        var imputed = ChainedImputation.Impute([.. predictors.Select(p => p.Values), .. occasions.Select(o => scores[o])], settings);
        var completed = imputed.Select(c => DataFrame.FromNumeric([.. names.Select((n, j) => (n, c[j]))])).ToList();
        return [.. a.Occasions.Select(occasion =>
        {
            var pooled = ImputedFits.Pool(completed, $"{Column(occasion)} ~ ips + {Column("0m")}")["ips"];
            return new MissingFollowUpTable.Row(id, occasion, pooled.Estimate, pooled.StandardError, pooled.Df, pooled.P, pooled.Lower, pooled.Upper,
                people.Count, pooled.FractionMissingInformation);
        })];
    }

    private static string Column(string occasion) => "y" + occasion.TrimEnd('m');
}
