using System.Globalization;
using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Event study: IPS − control difference at each month relative to inclusion (reference month −1), with event-month FE.</summary>
public static class EventStudyAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var primary = a.Inference[0];
        var (from, to) = (a.Window!.From!.Value, a.Window.To!.Value);
        var months = Enumerable.Range(from, to - from + 1).Where(m => m != a.Reference).ToList();
        string Term(int m) => m < 0 ? $"es_m{-m}" : $"es_p{m}";
        var figures = new List<ReportFigure>();
        var tables = new List<ReportTable>();
        var json = new JsonObject();
        foreach (var outcome in a.Outcomes)
        {
            var extra = months.ToDictionary(Term, m => (Func<StudyParticipant, int, double>)((p, k) => p.Treated && k == m ? 1 : 0));
            var frame = PanelFrame.Build(d, a, outcome, a.Window, extra: extra);
            var model = ModelRun.Estimate("y ~ " + string.Join(" + ", months.Select(Term)) + " + factor(k) + calendar_month + year + centre", frame, a.Inference, LpmFormula.References(d));
            var points = months.Where(m => model.HasTerm(Term(m))).Select(m => (M: m, Row: model.Row(Term(m), primary))).ToList();
            json[outcome] = RegressionTable.Json(model, a.Inference, [.. months.Select(Term)]);
            var label = StatusAnalysis.OutcomeLabel(d, outcome, l);
            tables.Add(new ReportTable($"{a.Id}-{outcome}", $"{a.Heading}: {label}",
                [ReportColumn.Value(l.Text("Month", "Måned"), "month"), ReportColumn.Value(l.Text($"{l.Treated} − {l.Control}", $"{l.Treated} − {l.Control}"), "estimate"),
                 ReportColumn.Interval($"95 % CI ({RegressionTable.Short(primary)})", "ci"), ReportColumn.Value("p", "p")],
                points.Where(p => p.M % 3 == 0 || p.M == 1).Select(p => (IReadOnlyList<ReportCell>)[ReportCell.Text(p.M.ToString("+0;−0;0", CultureInfo.InvariantCulture)),
                    ReportCell.Number(p.Row.Estimate, 3, l), ReportCell.Interval(p.Row.ConfLow, p.Row.ConfHigh, 3, l), ReportCell.P(p.Row.PValue, l)]).ToList(),
                [l.Text($"y ~ Σ {l.Treated} × 1[k = m] + event-month FE + calendar-month, year and centre FE; reference month {a.Reference}. Every third month printed; all months are in the CSV and results.json. Inference: {primary.Label}.",
                        $"Referansemåned {a.Reference}. Hver tredje måned vist; alle måneder i CSV og results.json. Inferens: {primary.Label}.")]));
            figures.Add(new ReportFigure($"{a.Id}-{outcome}", l.Text($"Event study of '{label}': {l.Treated} − {l.Control} by month relative to inclusion with 95 % CI ({primary.Label}); reference month {a.Reference}.",
                    $"Hendelsesstudie av '{label}': {l.Treated} − {l.Control} per måned relativt til inklusjon med 95 % KI; referansemåned {a.Reference}."),
                220, () =>
                {
                    var plot = Charts.Base(l, l.Text($"Event study: {label}", $"Hendelsesstudie: {label}"), l.Text("Months relative to inclusion", "Måneder relativt til inklusjon"), l.Text($"{l.Treated} − {l.Control}", $"{l.Treated} − {l.Control}"), 2);
                    Charts.PointsWithIntervals(plot, [.. points.Select(p => (double)p.M)], [.. points.Select(p => p.Row.Estimate)], [.. points.Select(p => p.Row.ConfLow)], [.. points.Select(p => p.Row.ConfHigh)], $"{l.Treated} − {l.Control}", Charts.Treated);
                    plot.Add.HorizontalLine(0, 1, ScottPlot.Colors.Gray).LinePattern = ScottPlot.LinePattern.Dashed;
                    plot.Add.VerticalLine(0, 1, ScottPlot.Colors.Gray).LinePattern = ScottPlot.LinePattern.Dotted;
                    return plot;
                }));
        }
        return new AnalysisResult(a.Id, a.Heading, tables, figures, json, []);
    }
}
