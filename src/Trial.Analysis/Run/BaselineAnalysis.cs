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
        var form = d.BaselineForm;
        var formColumns = form.Columns().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        // The plan's covariates that the protocol's form does not describe (age, sex), then every field of the form in
        // its own order, each with the protocol's label and codes; without a form, the plan's covariates by column name.
        foreach (var c in d.Plan.Covariates.Values.Where(c => !formColumns.Contains(c.Column)))
        {
            switch (c.Type)
            {
                case CovariateType.Number:
                    NumberRows(rows, groups, c.Column, $"{Title(c.Name, l)}, {l.Text("mean (SD)", "gj.snitt (SD)")}", l);
                    break;
                case CovariateType.Indicator:
                    IndicatorRows(rows, groups, c.Column, v => v == c.Level, $"{Title(c.Name, l)}, n (%)", l);
                    break;
                default:
                    var levels = d.Participants.Select(p => p.Record.Covariate(c.Column)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                    CodeRows(rows, groups, c.Column, $"{Title(c.Name, l)}, n (%)", levels.Select(v => (v, v)).ToList(), l);
                    break;
            }
        }
        var english = !l.IsNorwegian;
        foreach (var field in form.Fields)
        {
            var label = english ? field.Label.English : field.Label.NorwegianBokmal;
            switch (field.Type)
            {
                case Trial.Protocol.Baseline.BaselineFieldType.Boolean:
                    IndicatorRows(rows, groups, field.Code, v => v == "true", $"{label}, n (%)", l);
                    break;
                case Trial.Protocol.Baseline.BaselineFieldType.Integer:
                    NumberRows(rows, groups, field.Code, $"{label}, {l.Text("mean (SD)", "gj.snitt (SD)")}", l);
                    break;
                default:
                    CodeRows(rows, groups, field.Code, $"{label}, n (%)",
                        field.Codes.Select(code => (code.Code, english ? code.Label.English : code.Label.NorwegianBokmal)).ToList(), l);
                    break;
            }
            foreach (var indicator in field.Indicators)
            {
                IndicatorRows(rows, groups, indicator.Column, v => v == "true", $"{(english ? indicator.Label.English : indicator.Label.NorwegianBokmal)}, n (%)", l);
            }
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
            rows.Add([ReportCell.Text("   " + q.LabelIn(l.IsNorwegian)), .. groups.Select(g => MeanSd(g.Select(p => scores.TryGetValue(p.Id, out var v) ? v : double.NaN), l))]);
        }
        var table = new ReportTable("baseline", l.Text("Baseline characteristics by randomised arm", "Kjennetegn ved baseline etter randomisert gruppe"),
            columns, rows, [l.Text("Percentages among the arm's participants with data on the characteristic; 'not known' rows count those without. No significance tests (CONSORT item 15).",
                "Prosent av gruppens deltakere med opplysning om kjennetegnet; radene «ikke kjent» teller dem uten. Ingen signifikanstester (CONSORT punkt 15).")]);
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

    /// <summary>A mean (SD) row among those with a value, and a 'not known' row when anyone lacks one.</summary>
    private static void NumberRows(List<IReadOnlyList<ReportCell>> rows, IReadOnlyList<IReadOnlyList<StudyParticipant>> groups, string column, string label, ReportLocale l)
    {
        rows.Add([ReportCell.Text(label), .. groups.Select(g => MeanSd(g.Select(p => Number(p.Record.Covariate(column))), l))]);
        MissingRow(rows, groups, column, l);
    }

    /// <summary>A yes/no characteristic: n (%) with it among those with data, and a 'not known' row when anyone lacks data.</summary>
    private static void IndicatorRows(List<IReadOnlyList<ReportCell>> rows, IReadOnlyList<IReadOnlyList<StudyParticipant>> groups, string column, Func<string, bool> has, string label, ReportLocale l)
    {
        rows.Add([ReportCell.Text(label), .. groups.Select(g => Share(Known(g, column), p => has(p.Record.Covariate(column)), l))]);
        MissingRow(rows, groups, column, l);
    }

    /// <summary>A coded characteristic: a heading row, one row per code in the given (protocol) order with shares among those with data, then 'not known' last.</summary>
    private static void CodeRows(List<IReadOnlyList<ReportCell>> rows, IReadOnlyList<IReadOnlyList<StudyParticipant>> groups, string column, string label,
        IReadOnlyList<(string Code, string Label)> codes, ReportLocale l)
    {
        rows.Add([ReportCell.Text(label), .. groups.Select(_ => ReportCell.Empty)]);
        foreach (var (code, text) in codes)
        {
            rows.Add([ReportCell.Text("   " + text), .. groups.Select(g => Share(Known(g, column), p => p.Record.Covariate(column) == code, l))]);
        }
        MissingRow(rows, groups, column, l);
    }

    private static void MissingRow(List<IReadOnlyList<ReportCell>> rows, IReadOnlyList<IReadOnlyList<StudyParticipant>> groups, string column, ReportLocale l)
    {
        if (groups.Any(g => g.Any(p => p.Record.Covariate(column).Length == 0)))
        {
            rows.Add([ReportCell.Text("   " + l.Text("not known, n", "ikke kjent, n")), .. groups.Select(g => ReportCell.Count(g.Count(p => p.Record.Covariate(column).Length == 0), l))]);
        }
    }

    private static List<StudyParticipant> Known(IReadOnlyList<StudyParticipant> group, string column) =>
        group.Where(p => p.Record.Covariate(column).Length > 0).ToList();

    private static ReportCell Share(IReadOnlyList<StudyParticipant> group, Func<StudyParticipant, bool> has, ReportLocale l)
    {
        if (group.Count == 0)
        {
            return ReportCell.Empty;
        }
        var n = group.Count(has);
        return new ReportCell($"{l.Number(n, 0)} ({l.Number(100.0 * n / Math.Max(1, group.Count), 1)})", [n.ToString(CultureInfo.InvariantCulture)]);
    }

    private static double Number(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
