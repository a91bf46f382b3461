using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 13: the LPM restricted to months 1..k after inclusion, k = 12..27.</summary>
public static class WindowSweepAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var primary = a.Inference[0];
        var second = a.Inference.Count > 1 ? a.Inference[1] : primary;
        var columns = new List<ReportColumn> { ReportColumn.Value(l.Text("Months", "Måneder"), "k"), ReportColumn.Value(l.Text("Persons at k", "Personer ved k"), "persons_at_k") };
        foreach (var outcome in a.Outcomes)
        {
            var label = StatusAnalysis.OutcomeLabel(d, outcome, l);
            columns.Add(ReportColumn.Value(label, $"{outcome}_estimate"));
            columns.Add(ReportColumn.Interval($"95 % CI ({RegressionTable.Short(primary)})", $"{outcome}_ci"));
            columns.Add(ReportColumn.Value($"p ({RegressionTable.Short(second)})", $"{outcome}_p_second"));
        }
        var rows = new List<IReadOnlyList<ReportCell>>();
        var json = new JsonObject();
        var sweep = new List<(double K, double Est, double Lo, double Hi)>();
        for (var k = a.Window!.From!.Value; k <= a.Window.To!.Value; k++)
        {
            progress.WriteLine($"  {a.Id}: months 1..{k}");
            var at = Enumerable.Range(0, d.Panel.Count).Where(r => d.Panel.EventMonth[r] == k && d.InPopulation(a.Population, d.Participants[d.Panel.Person[r]]))
                .Select(r => d.Panel.Person[r]).Distinct().Count();
            var cells = new List<ReportCell> { ReportCell.Count(k, l), ReportCell.Count(at, l) };
            var o = new JsonObject { ["personsAtK"] = at };
            var window = new EventWindow(1, k);
            var runs = ModelRun.EstimateOutcomes(LpmFormula.Build(["ips"], a.Controls), [.. a.Outcomes.Select(outcome => PanelFrame.Build(d, a, outcome, window))],
                a.Inference, LpmFormula.References(d));
            foreach (var (outcome, m) in a.Outcomes.Zip(runs))
            {
                var r = m.Row("ips", primary);
                cells.Add(ReportCell.Estimate(r.Estimate, r.PValue, 3, l));
                cells.Add(ReportCell.Interval(r.ConfLow, r.ConfHigh, 3, l));
                cells.Add(ReportCell.P(m.Row("ips", second).PValue, l));
                o[outcome] = RegressionTable.Json(m, a.Inference, "ips");
                if (outcome == a.Outcomes[0])
                {
                    sweep.Add((k, r.Estimate, r.ConfLow, r.ConfHigh));
                }
            }
            rows.Add(cells);
            json[$"k{k}"] = o;
        }
        var table = new ReportTable(a.Id, a.Heading, columns, rows,
            [l.Text($"Each row is the LPM on months 1..k after inclusion; everyone contributes the months they have. Stars and CIs: {primary.Label}; last p: {second.Label}.",
                    $"Hver rad er LPM på måned 1..k etter inklusjon. Stjerner og KI: {primary.Label}; siste p: {second.Label}.")]);
        var label0 = StatusAnalysis.OutcomeLabel(d, a.Outcomes[0], l);
        var figure = new ReportFigure($"{a.Id}-plot", l.Text($"{l.Treated} effect on '{label0}' by length of the follow-up window, 95 % CI ({primary.Label}).", $"{l.Treated}-effekt på '{label0}' etter lengde på oppfølgingsvindu, 95 % KI ({primary.Label})."),
            200, () =>
            {
                var plot = Charts.Base(l, l.Text("Effect by follow-up window", "Effekt etter oppfølgingsvindu"), l.Text("Months after inclusion (window 1..k)", "Måneder etter inklusjon (vindu 1..k)"), l.Text($"{l.Treated} effect", $"{l.Treated}-effekt"), 2);
                Charts.PointsWithIntervals(plot, [.. sweep.Select(s => s.K)], [.. sweep.Select(s => s.Est)], [.. sweep.Select(s => s.Lo)], [.. sweep.Select(s => s.Hi)], $"{l.Treated}", Charts.Treated);
                plot.Add.HorizontalLine(0, 1, ScottPlot.Colors.Gray).LinePattern = ScottPlot.LinePattern.Dashed;
                return plot;
            });
        return new AnalysisResult(a.Id, a.Heading, [table], [figure], json, []);
    }
}
