using System.Text.Json.Nodes;
using Trial.Analysis.Data;
using Trial.Analysis.Mixed;
using Trial.Analysis.Numerics;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Run;

/// <summary>
/// Seed 001 Table 17: linear mixed model on all questionnaire occasions (random intercept per participant), fitted by
/// ML. Main model: constrained baseline (cLDA, <see cref="ConstrainedBaselineModel"/>): one baseline mean for both
/// arms, adjusted means per arm at 6 and 12 months, the difference, its CI and p (Satterthwaite df). Sensitivity:
/// the unconstrained time × arm model, in which a chance baseline gap is carried into the differences. Using every
/// observed occasion, baseline included, gives likelihood-based estimates valid under MAR.
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
        var sensitivityRows = new List<IReadOnlyList<ReportCell>>();
        var tidy = followUps.ToDictionary(o => o, _ => new List<TidyRecord>(), StringComparer.Ordinal);
        var sensitivityTidy = new List<TidyRecord>();
        var followUpTimes = followUps.Select(o => o.TrimEnd('m')).ToList();
        foreach (var id in a.Outcomes)
        {
            progress.WriteLine($"  {a.Id}: {id}");
            var q = d.Plan.QuestionnaireOutcomes[id];
            var (ys, ids, times, arms) = (new List<double>(), new List<string>(), new List<string>(), new List<bool>());
            foreach (var occasion in a.Occasions)
            {
                var scores = QuestionnaireScores.At(d, q, occasion);
                foreach (var p in d.Participants.Where(p => d.InPopulation(a.Population, p) && scores.ContainsKey(p.Id)))
                {
                    ys.Add(scores[p.Id]);
                    ids.Add(p.Id);
                    times.Add(occasion.TrimEnd('m'));
                    arms.Add(p.Treated);
                }
            }
            PanelFrame.RequireVariation(d, a, id, ys);
            var frame = ConstrainedBaselineModel.Frame(ys, ids, times, arms, followUpTimes);
            var cldaFit = MixedModelEstimator.Fit(ModelSpec.FromFormula(ConstrainedBaselineModel.Formula(followUpTimes)).WithReference("time", "0"), frame, criterion);
            var clda = cldaFit.Infer();
            var spec = ModelSpec.FromFormula("y ~ time * arm + (1 | participant)").WithReference("arm", "Control").WithReference("time", "0");
            var fit = MixedModelEstimator.Fit(spec, frame, criterion);
            var inference = fit.Infer();
            var emm = inference.MarginalMeans("arm", by: "time");
            var differences = emm.Differences("IPS", "Control");
            // cLDA means: control at t = (Intercept) + time_t; IPS adds ips_t; at baseline both arms share one mean.
            Dictionary<string, double> Weights(string t, bool treated)
            {
                var w = new Dictionary<string, double>(StringComparer.Ordinal) { ["(Intercept)"] = 1 };
                if (t != "0")
                {
                    w["time" + t] = 1;
                    if (treated)
                    {
                        w[ConstrainedBaselineModel.Term(t)] = 1;
                    }
                }
                return w;
            }
            var cldaMeans = a.Occasions.Select(o => o.TrimEnd('m')).SelectMany(t => new[] { true, false }.Select(tr =>
            {
                var r = clda.Contrast(tr ? "IPS" : "Control", Weights(t, tr));
                return new MarginalMean(tr ? "IPS" : "Control", t, r.Estimate, r.StdError, r.Df, r.ConfLow, r.ConfHigh);
            })).ToList();
            if (conventions.Count == 0)
            {
                conventions.AddRange(emm.Conventions);
            }
            var o = new JsonObject { ["n"] = cldaFit.N, ["model"] = "cLDA: " + ConstrainedBaselineModel.Formula(followUpTimes), ["converged"] = cldaFit.Convergence.ToString() };
            var sensitivity = new JsonObject { ["model"] = "y ~ time * arm + (1 | participant)", ["converged"] = fit.Convergence.ToString() };
            foreach (var occasion in followUps)
            {
                var time = occasion.TrimEnd('m');
                var t = cldaMeans.Single(m => m.Level == "IPS" && m.ByLevel == time);
                var c = cldaMeans.Single(m => m.Level == "Control" && m.ByLevel == time);
                var dr = clda.Contrast("IPS - Control", new Dictionary<string, double> { [ConstrainedBaselineModel.Term(time)] = 1 });
                var diff = new MarginalContrast("IPS - Control", time, dr.Estimate, dr.StdError, dr.Df, dr.Statistic, dr.PValue, dr.ConfLow, dr.ConfHigh);
                var free = differences.Single(x => x.ByLevel == time);
                sensitivityRows.Add([ReportCell.Text($"{q.LabelIn(l.IsNorwegian)}, {occasion}"),
                    new ReportCell($"{l.Number(free.Estimate, 2)} ({l.Number(free.Lower, 2)}; {l.Number(free.Upper, 2)})", [ReportCell.Raw(free.Estimate), ReportCell.Raw(free.Lower), ReportCell.Raw(free.Upper)]),
                    ReportCell.Number(free.Df, 1, l), ReportCell.P(free.P, l),
                    ReportCell.Number(free.Estimate - diff.Estimate, 2, l)]);
                sensitivity[occasion] = new JsonObject { ["difference"] = free.Estimate, ["se"] = free.StdError, ["df"] = free.Df, ["ciLower"] = free.Lower, ["ciUpper"] = free.Upper, ["p"] = free.P };
                var table = $"{a.Id}-{occasion}";
                tidy[occasion].Add(new TidyRecord(table, id, "", d.TreatedLabel, "", "adjusted_mean", t.Estimate, t.StdError, t.Df, double.NaN, t.Lower, t.Upper, cldaFit.N, "cLDA ML"));
                tidy[occasion].Add(new TidyRecord(table, id, "", d.ControlLabel, "", "adjusted_mean", c.Estimate, c.StdError, c.Df, double.NaN, c.Lower, c.Upper, cldaFit.N, "cLDA ML"));
                tidy[occasion].Add(new TidyRecord(table, id, "", "", ConstrainedBaselineModel.Term(time), "difference", diff.Estimate, diff.StdError, diff.Df, diff.P, diff.Lower, diff.Upper, cldaFit.N, "cLDA ML"));
                sensitivityTidy.Add(new TidyRecord($"{a.Id}-unconstrained", id, "", occasion, $"time{time}:armIPS", "difference", free.Estimate, free.StdError, free.Df, free.P, free.Lower, free.Upper, fit.N, "unconstrained ML"));
                var cells = new List<ReportCell> { ReportCell.Text(q.LabelIn(l.IsNorwegian)) };
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
            var baselineMean = cldaMeans.First(m => m.ByLevel == "0");
            o["baselineMean"] = baselineMean.Estimate;
            o["unconstrained"] = sensitivity;
            json[id] = o;
            plots.Add((q.LabelIn(l.IsNorwegian), cldaMeans));
        }
        var tables = followUps.Select(occasion => new ReportTable($"{a.Id}-{occasion}", l.Text($"Adjusted means at {occasion.TrimEnd('m')} months (cLDA)", $"Justerte gjennomsnitt ved {occasion.TrimEnd('m')} måneder (cLDA)"),
            [ReportColumn.Label(l.Text("Measure", "Mål"), "measure"),
             new ReportColumn($"{d.TreatedLabel} (95 % CI)", ["treated", "treated_lower", "treated_upper"]),
             new ReportColumn($"{d.ControlLabel} (95 % CI)", ["control", "control_lower", "control_upper"]),
             new ReportColumn(l.Text("Difference (95 % CI)", "Forskjell (95 % KI)"), ["difference", "difference_lower", "difference_upper"]),
             ReportColumn.Value("df", "df"), ReportColumn.Value("p", "p")], rows[occasion],
            [l.Text($"Constrained baseline (cLDA): y ~ time + {string.Join(" + ", followUpTimes.Select(ConstrainedBaselineModel.Term))} + (1 | participant), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}: one baseline mean for both arms (randomisation), {l.Treated} − {l.Control} differences at follow-up only. Adjusted means (95 % CI) per arm; all occasions incl. baseline used (valid under MAR). Satterthwaite df (lmerTest).",
                    $"Felles baseline (cLDA): y ~ tid + {string.Join(" + ", followUpTimes.Select(ConstrainedBaselineModel.Term))} + (1 | deltaker), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}: ett baselinegjennomsnitt for begge grupper (randomisering), forskjeller mellom gruppene bare ved oppfølging. Justerte gjennomsnitt (95 % KI); alle tidspunkt inkl. baseline brukt (gyldig under MAR). Satterthwaite-df (lmerTest)."),
             l.Text("Sensitivity: the unconstrained time × arm model (arms may differ at baseline) is in the next table.", "Sensitivitet: modellen uten felles baseline (tid × gruppe) står i neste tabell.")],
            tidy[occasion])).ToList();
        tables.Add(new ReportTable($"{a.Id}-unconstrained", l.Text("Sensitivity: unconstrained baseline (time × arm)", "Sensitivitet: uten felles baseline (tid × gruppe)"),
            [ReportColumn.Label(l.Text("Measure, occasion", "Mål, tidspunkt"), "measure"),
             new ReportColumn(l.Text("Difference (95 % CI)", "Forskjell (95 % KI)"), ["difference", "difference_lower", "difference_upper"]),
             ReportColumn.Value("df", "df"), ReportColumn.Value("p", "p"), ReportColumn.Value(l.Text("Minus cLDA", "Minus cLDA"), "minus_clda")], sensitivityRows,
            [l.Text($"y ~ time × arm + (1 | participant), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}: the arms may differ at baseline, so a chance baseline gap is carried into the follow-up differences. Last column: this difference minus the cLDA difference.",
                    $"y ~ tid × gruppe + (1 | deltaker), {(criterion == LmmCriterion.Reml ? "REML" : "ML")}: gruppene kan avvike ved baseline, så en tilfeldig baselineforskjell føres inn i forskjellene ved oppfølging. Siste kolonne: denne forskjellen minus cLDA-forskjellen."),
             .. conventions], sensitivityTidy));
        var figure = new ReportFigure($"{a.Id}-means", l.Text($"Adjusted means of the first planned measure over 0/6/12 months with 95 % CI, per arm (cLDA mixed model with one baseline mean, {(criterion == LmmCriterion.Reml ? "REML" : "ML")}); all measures are in the table and results.json.",
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
                Charts.LegendOutside(plot);
                return plot;
            });
        return new AnalysisResult(a.Id, a.Heading, tables, [figure], json, []);
    }
}
