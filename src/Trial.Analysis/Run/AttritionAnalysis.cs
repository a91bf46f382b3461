using System.Globalization;
using System.Text.Json.Nodes;
using Trial.Analysis.HypothesisTests;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 19: baseline of responders vs non-responders at each follow-up (t-tests and χ² tests).</summary>
public static class AttritionAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var variance = a.Inference.Any(c => c.Method == InferenceMethod.Welch) ? TTestVariance.Welch : TTestVariance.Pooled;
        var people = d.Participants.Where(p => d.InPopulation(a.Population, p)).ToList();
        var columns = new List<ReportColumn> { ReportColumn.Label(l.Text("Baseline variable", "Variabel ved baseline"), "variable") };
        var responded = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var occasion in a.Occasions)
        {
            responded[occasion] = d.Occasions.Where(o => o.Occasion == occasion && o.Status == "completed").Select(o => o.Participant).ToHashSet(StringComparer.Ordinal);
            columns.Add(ReportColumn.Value($"{occasion} {l.Text("non-resp.", "ikke svart")}", $"{occasion}_nonresponders"));
            columns.Add(ReportColumn.Value($"{occasion} {l.Text("resp.", "svart")}", $"{occasion}_responders"));
            columns.Add(ReportColumn.Value($"{occasion} test", $"{occasion}_statistic"));
            columns.Add(ReportColumn.Value($"{occasion} p", $"{occasion}_p"));
        }
        var rows = new List<IReadOnlyList<ReportCell>>();
        var json = new JsonObject();
        foreach (var id in a.Outcomes)
        {
            var q = d.Plan.QuestionnaireOutcomes[id];
            var baseline = QuestionnaireScores.At(d, q, "0m");
            var cells = new List<ReportCell> { ReportCell.Text(q.LabelIn(l.IsNorwegian)) };
            var o = new JsonObject();
            foreach (var occasion in a.Occasions)
            {
                var withScore = people.Where(p => baseline.ContainsKey(p.Id)).ToList();
                var resp = withScore.Where(p => responded[occasion].Contains(p.Id)).Select(p => baseline[p.Id]).ToList();
                var non = withScore.Where(p => !responded[occasion].Contains(p.Id)).Select(p => baseline[p.Id]).ToList();
                var t = TTest.TwoSample(resp, non, variance);
                cells.Add(SampleMoments.Cell(non, 2, l));
                cells.Add(SampleMoments.Cell(resp, 2, l));
                cells.Add(new ReportCell($"t = {l.Number(t.Statistic, 2)}, df = {l.Number(t.Df, variance == TTestVariance.Pooled ? 0 : 1)}", [ReportCell.Raw(t.Statistic), ReportCell.Raw(t.Df)], Parts: ["t", "df"]));
                cells.Add(ReportCell.P(t.P, l));
                o[occasion] = new JsonObject { ["t"] = t.Statistic, ["df"] = t.Df, ["p"] = t.P, ["respondersMean"] = t.MeanX, ["nonRespondersMean"] = t.MeanY, ["test"] = t.Conventions };
            }
            rows.Add(cells);
            json[id] = o;
        }
        foreach (var variable in a.Categorical)
        {
            string Value(StudyParticipant p) => variable == "arm" ? (p.Treated ? d.TreatedLabel : d.ControlLabel) : p.Record.Covariate(variable);
            var levels = people.Select(Value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var shown = levels.Contains("true") ? "true" : levels.LastOrDefault() ?? "";
            var cells = new List<ReportCell> { ReportCell.Text(variable == "arm" ? $"{l.Text("arm", "gruppe")} = {d.TreatedLabel} (%)"
                : shown == "true" ? $"{l.ColumnLabel(variable)} (%)" : $"{l.ColumnLabel(variable)} = {l.CodeLabel(variable, shown)} (%)") };
            var o = new JsonObject();
            foreach (var occasion in a.Occasions)
            {
                var known = people.Where(p => Value(p).Length > 0).ToList();
                var table = new[] { false, true }.Select(r => (IReadOnlyList<double>)levels.Select(level =>
                    (double)known.Count(p => responded[occasion].Contains(p.Id) == r && Value(p) == level)).ToList()).ToList();
                double Share(bool r) => 100.0 * known.Count(p => responded[occasion].Contains(p.Id) == r && Value(p) == (variable == "arm" ? d.TreatedLabel : shown)) / Math.Max(1, known.Count(p => responded[occasion].Contains(p.Id) == r));
                cells.Add(ReportCell.Number(Share(false), 0, l));
                cells.Add(ReportCell.Number(Share(true), 0, l));
                if (levels.Count >= 2)
                {
                    var chi = ChiSquareTest.Independence(table, ContinuityCorrection.None);
                    cells.Add(new ReportCell($"χ² = {l.Number(chi.Statistic, 2)}, n = {l.Number(chi.N, 0)}", [ReportCell.Raw(chi.Statistic), ReportCell.Raw(chi.N)], Parts: ["chisq", "n"]));
                    cells.Add(ReportCell.P(chi.P, l));
                    o[occasion] = new JsonObject { ["chiSquare"] = chi.Statistic, ["df"] = chi.Df, ["n"] = chi.N, ["p"] = chi.P, ["test"] = chi.Conventions };
                }
                else
                {
                    cells.Add(ReportCell.Empty);
                    cells.Add(ReportCell.Empty);
                }
            }
            rows.Add(cells);
            json[variable] = o;
        }
        var tableOut = new ReportTable(a.Id, a.Heading, columns, rows,
            [l.Text($"Scores: mean (SD) at baseline; {(variance == TTestVariance.Pooled ? "Student two-sample t-test (pooled variance)" : "Welch t-test")}, two-sided. Categorical: % of non-responders / responders; Pearson χ² without continuity correction.",
                    $"Skårer: gjennomsnitt (SD) ved baseline; {(variance == TTestVariance.Pooled ? "Student t-test (felles varians)" : "Welch t-test")}, tosidig. Kategoriske: % av ikke-svarende / svarende; Pearson χ² uten kontinuitetskorreksjon.")]);
        return new AnalysisResult(a.Id, a.Heading, [tableOut], [], json, []);
    }
}
