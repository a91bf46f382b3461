using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Tables 8–9: the LPM on post-inclusion person-months, one column per outcome.</summary>
public static class LpmAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var models = new List<(string, ModelRun)>();
        var json = new JsonObject();
        var frames = a.Outcomes.Select(outcome =>
        {
            progress.WriteLine($"  {a.Id}: {outcome}");
            return PanelFrame.Build(d, a, outcome, a.Window!);
        }).ToList();
        // One model on every outcome: outcomes observed in the same person-months share one design and its factorisation.
        var runs = ModelRun.EstimateOutcomes(LpmFormula.Build(["ips"], a.Controls), frames, a.Inference, LpmFormula.References(d));
        foreach (var (outcome, model) in a.Outcomes.Zip(runs))
        {
            models.Add((StatusAnalysis.OutcomeLabel(d, outcome, l), model));
            json[outcome] = RegressionTable.Json(model, a.Inference, "ips");
        }
        var table = RegressionTable.Build(a.Id, a.Heading, models, ["ips"], LpmFormula.ControlTerms(models.Select(m => m.Item2), a.Controls),
            a.Inference, LpmFormula.FixedEffectLabels(l), l,
            [l.Text($"Population: {a.Population.Label}. Months {a.Window} relative to inclusion.", $"Populasjon: {a.Population.Label}. Måneder {a.Window} etter inklusjon.")]);
        return new AnalysisResult(a.Id, a.Heading, [table], [], json, []);
    }
}
