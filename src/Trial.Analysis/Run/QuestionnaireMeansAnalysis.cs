using System.Text.Json.Nodes;
using Trial.Analysis.HypothesisTests;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 16: unadjusted means of responders per arm at 6 and 12 months, the difference and a Welch test.</summary>
public static class QuestionnaireMeansAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var variance = a.Inference[0].Method == InferenceMethod.Student ? TTestVariance.Pooled : TTestVariance.Welch;
        var tables = new List<ReportTable>();
        var json = new JsonObject();
        foreach (var occasion in a.Occasions)
        {
            var rows = new List<IReadOnlyList<ReportCell>>();
            var o = new JsonObject();
            string conventions = "";
            foreach (var id in a.Outcomes)
            {
                var q = d.Plan.QuestionnaireOutcomes[id];
                var scores = QuestionnaireScores.At(d, q, occasion);
                var treated = d.Participants.Where(p => p.Treated && d.InPopulation(a.Population, p) && scores.ContainsKey(p.Id)).Select(p => scores[p.Id]).ToList();
                var control = d.Participants.Where(p => !p.Treated && d.InPopulation(a.Population, p) && scores.ContainsKey(p.Id)).Select(p => scores[p.Id]).ToList();
                PanelFrame.RequireVariation(d, a, id, treated.Concat(control));
                var t = TTest.TwoSample(treated, control, variance);
                conventions = t.Conventions;
                var (tm, tl, tu) = QuestionnaireScores.MeanCi(treated);
                var (cm, cl, cu) = QuestionnaireScores.MeanCi(control);
                rows.Add([ReportCell.Text(q.LabelIn(l.IsNorwegian)), Mean(tm, tl, tu, treated.Count, l), Mean(cm, cl, cu, control.Count, l),
                    ReportCell.Number(t.Difference, 2, l), ReportCell.Interval(t.Lower, t.Upper, 2, l), ReportCell.Number(t.Df, 1, l), ReportCell.P(t.P, l)]);
                o[id] = new JsonObject
                {
                    ["treatedN"] = treated.Count, ["treatedMean"] = tm, ["controlN"] = control.Count, ["controlMean"] = cm,
                    ["difference"] = t.Difference, ["ciLower"] = t.Lower, ["ciUpper"] = t.Upper, ["df"] = t.Df, ["t"] = t.Statistic, ["p"] = t.P, ["test"] = t.Conventions,
                };
            }
            json[occasion] = o;
            tables.Add(new ReportTable($"{a.Id}-{occasion}", $"{a.Heading}: {occasion}",
                [ReportColumn.Label(l.Text("Measure", "Mål"), "measure"), ReportColumn.Value($"{d.TreatedLabel}: mean (95 % CI), n", "treated"),
                 ReportColumn.Value($"{d.ControlLabel}: mean (95 % CI), n", "control"), ReportColumn.Value(l.Text("Difference", "Forskjell"), "difference"),
                 ReportColumn.Interval("95 % CI", "difference_ci"), ReportColumn.Value("df", "df"), ReportColumn.Value("p", "p")], rows,
                [l.Text($"Responders only; no adjustment for baseline or missing data. {conventions}.", $"Kun de som svarte; ingen justering for baseline eller manglende data. {conventions}.")]));
        }
        return new AnalysisResult(a.Id, a.Heading, tables, [], json, []);
    }

    private static ReportCell Mean(double m, double lo, double hi, int n, ReportLocale l) =>
        new($"{l.Number(m, 2)} ({l.Number(lo, 2)}; {l.Number(hi, 2)}), {n}", [ReportCell.Raw(m), ReportCell.Raw(lo), ReportCell.Raw(hi), n.ToString(System.Globalization.CultureInfo.InvariantCulture)], Parts: ["mean", "conf_low", "conf_high", "n"]);
}
