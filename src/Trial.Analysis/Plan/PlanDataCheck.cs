using Trial.Analysis.Inputs;
using Trial.Analysis.Package;

namespace Trial.Analysis.Plan;

/// <summary>Checks that every variable the plan references exists in the data package, before anything runs.</summary>
public static class PlanDataCheck
{
    public static void Verify(AnalysisPlan plan, DataPackage package)
    {
        var columns = package.CovariateColumns.ToHashSet(StringComparer.Ordinal);
        foreach (var c in plan.Covariates.Values.Where(c => !columns.Contains(c.Column)))
        {
            throw new InputRejectedException(plan.File, $"{c.YamlPath}.column",
                $"variable '{c.Column}' is not a column of the package's covariates.csv (columns: {string.Join(", ", package.CovariateColumns)})");
        }
        foreach (var a in plan.Analyses)
        {
            for (var i = 0; i < a.Categorical.Count; i++)
            {
                if (a.Categorical[i] != "arm" && !columns.Contains(a.Categorical[i]))
                {
                    throw new InputRejectedException(plan.File, $"{a.YamlPath}.categorical[{i}]",
                        $"variable '{a.Categorical[i]}' is not a column of the package's covariates.csv");
                }
            }
        }
        var scales = package.Scores.Select(s => (s.Instrument, s.Scale)).ToHashSet();
        foreach (var q in plan.QuestionnaireOutcomes.Values)
        {
            var used = plan.Analyses.Any(a => a.Outcomes.Contains(q.Id, StringComparer.Ordinal) && AnalysisPlanLoader.IsQuestionnaire(a.Kind));
            if (used && !scales.Contains((q.Instrument, q.Scale)))
            {
                throw new InputRejectedException(plan.File, $"$.questionnaire_outcomes.{q.Id}",
                    $"the package's responses_scores.csv has no scores for instrument '{q.Instrument}', scale '{q.Scale}'");
            }
        }
    }
}
