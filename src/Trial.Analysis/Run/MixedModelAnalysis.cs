using System.Text.Json.Nodes;
using Trial.Analysis.Data;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Run;

/// <summary>
/// Seed 001 Table 17: linear mixed model on all questionnaire occasions (random intercept per participant, time × arm),
/// fitted by ML; adjusted means per arm at 6 and 12 months, the difference, its CI and p (Satterthwaite df, emmeans).
/// Using every observed occasion, baseline included, gives likelihood-based estimates valid under MAR.
/// </summary>
public static class MixedModelAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var choice = a.Inference[0];
        var criterion = choice.Estimation == "reml" ? LmmCriterion.Reml : LmmCriterion.MaximumLikelihood;
        var json = new JsonObject();
        var plots = new List<(string Label, List<MarginalMean> Means)>();
        var conventions = new List<string>();
        var followUps = a.Occasions.Where(o => o != "0m").ToList();
        var rows = followUps.ToDictionary(o => o, _ => new List<IReadOnlyList<ReportCell>>(), StringComparer.Ordinal);
        foreach (var id in a.Outcomes)
        {
            progress.WriteLine($"  {a.Id}: {id}");
            var q = d.Plan.QuestionnaireOutcomes[id];
            var (ys, ids, times, arms) = (new List<double>(), new List<string?>(), new List<string?>(), new List<string?>());
            foreach (var occasion in a.Occasions)
            {
                var scores = QuestionnaireScores.At(d, q, occasion);
                foreach (var p in d.Participants.Where(p => d.InPopulation(a.Population, p) && scores.ContainsKey(p.Id)))
                {
                    ys.Add(scores[p.Id]);
                    ids.Add(p.Id);
                    times.Add(occasion.TrimEnd('m'));
                    arms.Add(p.Treated ? "IPS" : "Control");
                }
            }
            PanelFrame.RequireVariation(d, a, id, ys);
            var frame = new DataFrame([new NumericColumn("y", [.. ys]), new TextColumn("participant", [.. ids]), new TextColumn("time", [.. times]), new TextColumn("arm", [.. arms])]);
            var spec = ModelSpec.FromFormula("y ~ time * arm + (1 | participant)").WithReference("arm", "Control").WithReference("time", "0");
            var fit = MixedModelEstimator.Fit(spec, frame, criterion);
            var inference = fit.Infer();
            var emm = inference.MarginalMeans("arm", by: "time");
            var differences = emm.Differences("IPS", "Control");
            if (conventions.Count == 0)
            {
                conventions.AddRange(emm.Conventions);
            }
            var o = new JsonObject { ["n"] = fit.N, ["converged"] = fit.Convergence.ToString() };
            foreach (var occasion in followUps)
            {
                var time = occasion.TrimEnd('m');
                var t = emm.Means.Single(m => m.Level == "IPS" && m.ByLevel == time);
                var c = emm.Means.Single(m => m.Level == "Control" && m.ByLevel == time);
                var diff = differences.Single(x => x.ByLevel == time);
                var cells = new List<ReportCell> { ReportCell.Text(q.Label) };
                cells.Add(new ReportCell($"{l.Number(t.Estimate, 2)} ({l.Number(t.Lower, 2)}; {l.Number(t.Upper, 2)})", [ReportCell.Raw(t.Estimate), ReportCell.Raw(t.Lower), ReportCell.Raw(t.Upper)]));
                cells.Add(new ReportCell($"{l.Number(c.Estimate, 2)} ({l.Number(c.Lower, 2)}; {l.Number(c.Upper, 2)})", [ReportCell.Raw(c.Estimate), ReportCell.Raw(c.Lower), ReportCell.Raw(c.Upper)]));
                cells.Add(new ReportCell($"{l.Number(diff.Estimate, 2)} ({l.Number(diff.Lower, 2)}; {l.Number(diff.Upper, 2)})", [ReportCell.Raw(diff.Estimate), ReportCell.Raw(diff.Lower), ReportCell.Raw(diff.Upper)]));
                cells.Add(ReportCell.Number(diff.Df, 1, l));
                cells.Add(ReportCell.P(diff.P, l));
                rows[occasion].Add(cells);
                o[occasion] = new JsonObject
                {
                    ["treatedMean"] = t.Estimate, ["controlMean"] = c.Estimate, ["difference"] = diff.Estimate, ["se"] = diff.StdError,
                    ["df"] = diff.Df, ["ciLower"] = diff.Lower, ["ciUpper"] = diff.Upper, ["p"] = diff.P,
                };
            }
            json[id] = o;
            plots.Add((q.Label, emm.Means.ToList()));
        }
        var tables = followUps.Select(occasion => new ReportTable($"{a.Id}-{occasion}", $"{a.Heading}: {occasion}",
            [ReportColumn.Label(l.Text("Measure", "Mål"), "measure"),
             new ReportColumn($"{d.TreatedLabel} (95 % CI)", ["treated", "treated_lower", "treated_upper"]),
             new ReportColumn($"{d.ControlLabel} (95 % CI)", ["control", "control_lower", "control_upper"]),
             new ReportColumn(l.Text("Difference (95 % CI)", "Forskjell (95 % KI)"), ["difference", "difference_lower", "difference_upper"]),
             ReportColumn.Value("df", "df"), ReportColumn.Value("p", "p")], rows[occasion],
            [l.Text($"y ~ time × arm + (1 | participant), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}; adjusted means (95 % CI) per arm; all occasions incl. baseline used (valid under MAR).",
                    $"y ~ tid × gruppe + (1 | deltaker), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}; justerte gjennomsnitt (95 % KI); alle tidspunkt inkl. baseline brukt (gyldig under MAR)."),
             .. conventions])).ToList();
        var figure = new ReportFigure($"{a.Id}-means", l.Text($"Adjusted means of the first planned measure over 0/6/12 months with 95 % CI, per arm (mixed model, {(criterion == LmmCriterion.Reml ? "REML" : "ML")}); all measures are in the table and results.json.",
                $"Justerte gjennomsnitt over 0/6/12 måneder med 95 % KI per gruppe (blandet modell)."),
            230, () =>
            {
                var (label, all) = plots[0];
                var plot = Charts.Base(l, l.Text($"Adjusted means: {label}", $"Justerte gjennomsnitt: {label}"), l.Text("Months after inclusion", "Måneder etter inklusjon"), l.Text("Adjusted mean", "Justert gjennomsnitt"), 1);
                foreach (var arm in new[] { "IPS", "Control" })
                {
                    var means = all.Where(m => m.Level == arm).OrderBy(m => double.Parse(m.ByLevel!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                    var xs = means.Select(m => double.Parse(m.ByLevel!, System.Globalization.CultureInfo.InvariantCulture) + (arm == "IPS" ? -0.12 : 0.12)).ToArray();
                    Charts.PointsWithIntervals(plot, xs, [.. means.Select(m => m.Estimate)], [.. means.Select(m => m.Lower)], [.. means.Select(m => m.Upper)],
                        arm == "IPS" ? d.TreatedLabel : d.ControlLabel, arm == "IPS" ? Charts.Treated : Charts.Control);
                }
                plot.ShowLegend(ScottPlot.Alignment.UpperRight);
                return plot;
            });
        return new AnalysisResult(a.Id, a.Heading, tables, [figure], json, []);
    }
}
