using System.Globalization;
using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Baseline characteristics by randomised arm (CONSORT item 15): covariates and baseline questionnaire scores.</summary>
public static class BaselineAnalysis
{
    public static AnalysisResult Run(StudyData d, ReportLocale l)
    {
        var arms = new[] { true, false };
        var groups = arms.Select(t => d.Participants.Where(p => p.Treated == t).ToList()).ToList();
        var columns = new List<ReportColumn> { ReportColumn.Label(l.Text("Characteristic", "Kjennetegn"), "characteristic") };
        columns.AddRange(arms.Select((t, i) => ReportColumn.Value($"{d.ArmLabel(t)} (n = {groups[i].Count})", t ? "treated" : "control")));
        var rows = new List<IReadOnlyList<ReportCell>>();
        var json = new JsonObject();
        foreach (var c in d.Plan.Covariates.Values)
        {
            switch (c.Type)
            {
                case CovariateType.Number:
                    rows.Add([ReportCell.Text($"{Title(c.Name, l)}, {l.Text("mean (SD)", "gj.snitt (SD)")}"), .. groups.Select(g => MeanSd(g.Select(p => Number(p.Record.Covariate(c.Column))), l))]);
                    break;
                case CovariateType.Indicator:
                    rows.Add([ReportCell.Text($"{Title(c.Name, l)}, n (%)"), .. groups.Select(g => Share(g, p => p.Record.Covariate(c.Column) == c.Level, l))]);
                    break;
                default:
                    rows.Add([ReportCell.Text($"{Title(c.Name, l)}, n (%)"), ReportCell.Empty, ReportCell.Empty]);
                    var levels = d.Participants.Select(p => p.Record.Covariate(c.Column)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    foreach (var level in levels)
                    {
                        rows.Add([ReportCell.Text("   " + (level.Length == 0 ? l.Text("missing", "mangler") : level)), .. groups.Select(g => Share(g, p => p.Record.Covariate(c.Column) == level, l))]);
                    }
                    break;
            }
        }
        foreach (var column in d.Package.CovariateColumns.Where(col => d.Participants.All(p => p.Record.Covariate(col) is "true" or "false" or "")))
        {
            rows.Add([ReportCell.Text($"{column.Replace('_', ' ')}, n (%)"), .. groups.Select(g => Share(g, p => p.Record.Covariate(column) == "true", l))]);
        }
        if (d.Package.CovariateColumns.Contains("income_2013_g"))
        {
            rows.Add([ReportCell.Text(l.Text("Pensionable income 2013 (G), mean (SD)", "Pensjonsgivende inntekt 2013 (G), gj.snitt (SD)")),
                .. groups.Select(g => MeanSd(g.Select(p => Number(p.Record.Covariate("income_2013_g"))), l))]);
        }
        rows.Add([ReportCell.Text(l.Text("Allocation period, n (%)", "Fordelingsperiode, n (%)")), ReportCell.Empty, ReportCell.Empty]);
        foreach (var period in d.Participants.Select(p => p.Record.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            rows.Add([ReportCell.Text("   " + ConsortDiagram.PeriodLabel(period, l)), .. groups.Select(g => Share(g, p => p.Record.Period == period, l))]);
        }
        rows.Add([ReportCell.Text(l.Text("Baseline questionnaire, mean (SD)", "Spørreskjema ved baseline, gj.snitt (SD)")), ReportCell.Empty, ReportCell.Empty]);
        foreach (var q in d.Plan.QuestionnaireOutcomes.Values)
        {
            var scores = d.Scores.Where(s => s.Occasion == "0m" && s.Instrument == q.Instrument && s.Scale == q.Scale)
                .ToDictionary(s => s.Participant, s => s.Score, StringComparer.Ordinal);
            rows.Add([ReportCell.Text("   " + q.Label), .. groups.Select(g => MeanSd(g.Select(p => scores.TryGetValue(p.Id, out var v) ? v : double.NaN), l))]);
        }
        var table = new ReportTable("baseline", l.Text("Baseline characteristics by randomised arm", "Kjennetegn ved baseline etter randomisert gruppe"),
            columns, rows, [l.Text("Percentages of the arm's randomised participants. No significance tests (CONSORT item 15).",
                "Prosent av gruppens randomiserte deltakere. Ingen signifikanstester (CONSORT punkt 15).")]);
        json["armSizes"] = new JsonObject { ["treated"] = groups[0].Count, ["control"] = groups[1].Count };
        return new AnalysisResult("baseline", table.Title, [table], [], json, []);
    }

    private static string Title(string name, ReportLocale l) => name switch
    {
        "age" => l.Text("Age (years)", "Alder (år)"),
        "female" => l.Text("Female", "Kvinner"),
        "education" => l.Text("Education", "Utdanning"),
        "severity" => l.Text("Severity of mental illness", "Alvorlighetsgrad"),
        _ => name,
    };

    private static ReportCell MeanSd(IEnumerable<double> values, ReportLocale l) => SampleMoments.Cell(values.Where(double.IsFinite).ToList(), 1, l);

    private static ReportCell Share(IReadOnlyList<StudyParticipant> group, Func<StudyParticipant, bool> has, ReportLocale l)
    {
        var n = group.Count(has);
        return new ReportCell($"{l.Number(n, 0)} ({l.Number(100.0 * n / Math.Max(1, group.Count), 1)})", [n.ToString(CultureInfo.InvariantCulture)]);
    }

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
