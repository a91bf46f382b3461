using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 10: the LPM separately per subgroup, plus the formal interaction test the seed lacked.</summary>
public static class SubgroupAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var by = a.By!;
        var levels = d.Participants.Select(p => p.Record.Covariate(by.Column)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var primary = a.Inference[0];
        var second = a.Inference.Count > 1 ? a.Inference[1] : primary;
        var columns = new List<ReportColumn> { ReportColumn.Label(l.Text("Outcome", "Utfall"), "outcome") };
        foreach (var level in levels)
        {
            columns.Add(ReportColumn.Value($"{l.Treated}, {l.CodeLabel(by.Column, level)}", $"ips_{level}"));
            columns.Add(ReportColumn.Interval($"95 % CI ({RegressionTable.Short(primary)})", $"ci_{level}"));
            columns.Add(ReportColumn.Value(l.Text("persons", "personer"), $"persons_{level}"));
        }
        columns.Add(ReportColumn.Value(l.Text("Interaction", "Samspill"), "interaction"));
        columns.Add(ReportColumn.Value($"p ({RegressionTable.Short(primary)})", "p_interaction_primary"));
        columns.Add(ReportColumn.Value($"p ({RegressionTable.Short(second)})", "p_interaction_second"));
        var rows = new List<IReadOnlyList<ReportCell>>();
        var json = new JsonObject();
        var forest = new List<(string, double, double, double)>();
        var interactionTerm = $"ips_{levels.Last()}";
        // One model per subgroup, then the pooled interaction model.
        var variants = levels.Select(level => new LpmVariant(["ips"], p => p.Record.Covariate(by.Column) == level)).ToList();
        variants.Add(new LpmVariant(["ips", interactionTerm, by.Name], p => p.Record.Covariate(by.Column).Length > 0,
            new Dictionary<string, Func<StudyParticipant, int, double>> { [interactionTerm] = (p, _) => p.Treated && p.Record.Covariate(by.Column) == levels.Last() ? 1 : 0 }));
        var runs = LpmVariants.EstimateOnEveryOutcome(a, d, variants);
        var levelRuns = runs.Take(levels.Count).ToList();
        var pooledRuns = runs[levels.Count];
        for (var oi = 0; oi < a.Outcomes.Count; oi++)
        {
            var outcome = a.Outcomes[oi];
            progress.WriteLine($"  {a.Id}: {outcome}");
            var cells = new List<ReportCell> { ReportCell.Text(StatusAnalysis.OutcomeLabel(d, outcome, l)) };
            var o = new JsonObject();
            for (var li = 0; li < levels.Count; li++)
            {
                var level = levels[li];
                var m = levelRuns[li][oi];
                var r = m.Row("ips", primary);
                cells.Add(ReportCell.Estimate(r.Estimate, r.PValue, 3, l));
                cells.Add(ReportCell.Interval(r.ConfLow, r.ConfHigh, 3, l));
                cells.Add(ReportCell.Count(m.Persons, l));
                o[level] = RegressionTable.Json(m, a.Inference, "ips");
                if (outcome == a.Outcomes[0])
                {
                    forest.Add(($"{StatusAnalysis.OutcomeLabel(d, outcome, l)}: {level}", r.Estimate, r.ConfLow, r.ConfHigh));
                }
            }
            var pooled = pooledRuns[oi];
            var ir = pooled.Row(interactionTerm, primary);
            cells.Add(ReportCell.Number(ir.Estimate, 3, l));
            cells.Add(ReportCell.P(ir.PValue, l));
            cells.Add(ReportCell.P(pooled.Row(interactionTerm, second).PValue, l));
            o["interaction"] = RegressionTable.Json(pooled, a.Inference, interactionTerm);
            rows.Add(cells);
            json[outcome] = o;
        }
        var table = new ReportTable(a.Id, a.Heading, columns, rows,
            [l.Text($"Separate LPMs per {by.Name} level (controls, year, calendar-month and centre FE); interaction = {l.Treated} × {levels.Last()} in a pooled model with a {by.Name} main effect. Participants without {by.Name} are excluded. Stars and CIs: {primary.Label}.",
                    $"Separate LPM per nivå av {by.Name}; samspill = {l.Treated} × {levels.Last()} i en samlet modell med hovedeffekt. Deltakere uten {by.Name} er utelatt. Stjerner og KI: {primary.Label}."),
             $"{RegressionTable.Short(second)}: {second.Label}"]);
        var figure = new ReportFigure($"{a.Id}-forest", l.Text($"{l.Treated} effect on '{StatusAnalysis.OutcomeLabel(d, a.Outcomes[0], l)}' by {by.Name}, 95 % CI ({primary.Label}).", $"{l.Treated}-effekt på '{StatusAnalysis.OutcomeLabel(d, a.Outcomes[0], l)}' etter {by.Name}, 95 % KI ({primary.Label})."),
            150, () => Charts.Forest(l, l.Text("Subgroup effects", "Effekter i undergrupper"), l.Text($"{l.Treated} effect (probability)", $"{l.Treated}-effekt (sannsynlighet)"), forest));
        return new AnalysisResult(a.Id, a.Heading, [table], [figure], json, []);
    }
}
