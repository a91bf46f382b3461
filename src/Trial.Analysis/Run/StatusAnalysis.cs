using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 6: share with each status per arm at given months relative to inclusion.</summary>
public static class StatusAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var panel = d.Panel;
        var columns = new List<ReportColumn> { ReportColumn.Label(l.Text("Status", "Status"), "outcome") };
        foreach (var k in a.Months)
        {
            foreach (var treated in new[] { false, true })
            {
                columns.Add(ReportColumn.Value($"{d.ArmLabel(treated)}, {MonthLabel(k, l)}", $"{(treated ? "treated" : "control")}_m{k}"));
            }
        }
        var json = new JsonObject();
        var rows = new List<IReadOnlyList<ReportCell>>();
        var counts = new Dictionary<(bool, int), int>();
        foreach (var outcome in a.Outcomes)
        {
            var values = panel.Outcomes[outcome];
            var cells = new List<ReportCell> { ReportCell.Text(OutcomeLabel(d, outcome, l)) };
            var o = new JsonObject();
            foreach (var k in a.Months)
            {
                foreach (var treated in new[] { false, true })
                {
                    var sum = 0.0;
                    var n = 0;
                    for (var r = 0; r < panel.Count; r++)
                    {
                        var p = d.Participants[panel.Person[r]];
                        if (panel.EventMonth[r] == k && p.Treated == treated && d.InPopulation(a.Population, p) && !double.IsNaN(values[r]))
                        {
                            sum += values[r];
                            n++;
                        }
                    }
                    counts[(treated, k)] = Math.Max(counts.GetValueOrDefault((treated, k)), n);
                    var mean = n > 0 ? sum / n : double.NaN;
                    cells.Add(ReportCell.Number(mean, 3, l));
                    o[$"{(treated ? "treated" : "control")}_m{k}"] = Json(mean);
                }
            }
            rows.Add(cells);
            json[outcome] = o;
        }
        rows.Add([ReportCell.Text(l.Text("N (individuals)", "N (individer)")),
            .. a.Months.SelectMany(k => new[] { false, true }.Select(t => ReportCell.Count(counts[(t, k)], l)))]);
        var table = new ReportTable(a.Id, a.Heading, columns, rows,
            [l.Text("Share of participants with each status in the month; N is the number with register data in that month.",
                    "Andel deltakere med hver status i måneden; N er antall med registerdata den måneden.")]);
        return new AnalysisResult(a.Id, a.Heading, [table], [], json, []);
    }

    public static string MonthLabel(int k, ReportLocale l) =>
        k == 0 ? l.Text("inclusion", "inklusjon") : $"+{k} {l.Text("mo", "mnd")}";

    public static string OutcomeLabel(StudyData d, string outcome, ReportLocale l) =>
        d.Plan.RegisterOutcomes.TryGetValue(outcome, out var r) ? (l.IsNorwegian ? r.LabelNorwegian : r.Label)
        : d.Plan.QuestionnaireOutcomes.TryGetValue(outcome, out var q) ? q.LabelIn(l.IsNorwegian) : outcome;

    public static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
