using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 7: person-month means before and after inclusion per arm, the DiD, and its regression form with inference.</summary>
public static class BeforeAfterAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var before = a.Before!;
        var after = a.After!;
        var all = new EventWindow(null, null);
        var rows = new List<IReadOnlyList<ReportCell>>();
        var models = new List<(string, ModelRun)>();
        var json = new JsonObject();
        var frames = new List<Data.DataFrame>();
        var cellMeans = new List<(double C0, double C1, double T0, double T1, double Did)>();
        foreach (var outcome in a.Outcomes)
        {
            var frame = PanelFrame.Build(d, a, outcome, all, keepMonth: k => before.Contains(k) || after.Contains(k),
                extra: new Dictionary<string, Func<StudyParticipant, int, double>>
                {
                    ["post"] = (_, k) => after.Contains(k) ? 1 : 0,
                    ["ips_post"] = (p, k) => p.Treated && after.Contains(k) ? 1 : 0,
                });
            var y = ((Data.NumericColumn)frame["y"]).Values;
            var ips = ((Data.NumericColumn)frame["ips"]).Values;
            var post = ((Data.NumericColumn)frame["post"]).Values;
            double Mean(double t, double q) => Enumerable.Range(0, y.Length).Where(i => ips[i] == t && post[i] == q).Select(i => y[i]).DefaultIfEmpty(double.NaN).Average();
            var (c0, c1, t0, t1) = (Mean(0, 0), Mean(0, 1), Mean(1, 0), Mean(1, 1));
            var did = (t1 - t0) - (c1 - c0);
            rows.Add([ReportCell.Text(StatusAnalysis.OutcomeLabel(d, outcome, l)), ReportCell.Number(c0, 3, l), ReportCell.Number(c1, 3, l),
                ReportCell.Number(t0, 3, l), ReportCell.Number(t1, 3, l), ReportCell.Number(did, 3, l)]);
            frames.Add(frame);
            cellMeans.Add((c0, c1, t0, t1, did));
        }
        // Outcomes observed in the same person-months share one design and its factorisation.
        var runs = ModelRun.EstimateOutcomes("y ~ ips + post + ips_post", frames, a.Inference);
        foreach (var (outcome, model, (c0, c1, t0, t1, did)) in a.Outcomes.Zip(runs, cellMeans))
        {
            models.Add((StatusAnalysis.OutcomeLabel(d, outcome, l), model));
            json[outcome] = new JsonObject
            {
                ["controlBefore"] = c0, ["controlAfter"] = c1, ["treatedBefore"] = t0, ["treatedAfter"] = t1, ["did"] = did,
                ["regression"] = RegressionTable.Json(model, a.Inference, "ips_post"),
            };
        }
        var means = new ReportTable(a.Id, a.Heading,
            [ReportColumn.Label(l.Text("Outcome", "Utfall"), "outcome"),
             ReportColumn.Value($"{d.ControlLabel} {l.Text("before", "før")}", "control_before"), ReportColumn.Value($"{d.ControlLabel} {l.Text("after", "etter")}", "control_after"),
             ReportColumn.Value($"{d.TreatedLabel} {l.Text("before", "før")}", "treated_before"), ReportColumn.Value($"{d.TreatedLabel} {l.Text("after", "etter")}", "treated_after"),
             ReportColumn.Value("DiD", "did")], rows,
            [l.Text($"Means over person-months; before = months {before}, after = months {after} relative to inclusion.",
                    $"Gjennomsnitt over personmåneder; før = måned {before}, etter = måned {after} relativt til inklusjon.")]);
        var regression = RegressionTable.Build(a.Id + "-regression", l.Text("Difference-in-differences, regression form: y ~ ips + post + ips × post", "Forskjell-i-forskjeller, regresjonsform: y ~ ips + post + ips × post"),
            models, ["ips_post"], [], a.Inference, [], l);
        return new AnalysisResult(a.Id, a.Heading, [means, regression], [], json, []);
    }
}
