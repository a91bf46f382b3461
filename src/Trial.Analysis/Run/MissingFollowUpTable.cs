using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>
/// What the two missing-follow-up sensitivity analyses (IPW, multiple imputation) share: per person the outcome's
/// baseline and follow-up scores, and one table per follow-up occasion of the IPS − control difference adjusted for
/// the baseline score (y_t ~ ips + y0), one row per outcome, with a column that says how much the missing data weigh.
/// </summary>
public static class MissingFollowUpTable
{
    /// <summary>One estimated difference.</summary>
    public sealed record Row(string Outcome, string Occasion, double Estimate, double StdError, double Df, double P, double Lower, double Upper, int N, double Extra);

    /// <summary>The population's people with their baseline and follow-up scores of one outcome (NaN when not answered).</summary>
    public static (List<StudyParticipant> People, Dictionary<string, double[]> Scores) Wide(StudyData d, PlannedAnalysis a, QuestionnaireOutcomeDefinition q)
    {
        var people = d.Participants.Where(p => d.InPopulation(a.Population, p)).ToList();
        var scores = new[] { "0m" }.Concat(a.Occasions).Distinct(StringComparer.Ordinal).ToDictionary(o => o, o =>
        {
            var at = QuestionnaireScores.At(d, q, o);
            return people.Select(p => at.TryGetValue(p.Id, out var v) ? v : double.NaN).ToArray();
        }, StringComparer.Ordinal);
        return (people, scores);
    }

    public static (IReadOnlyList<ReportTable> Tables, JsonObject Json) Build(PlannedAnalysis a, StudyData d, ReportLocale l, IReadOnlyList<Row> rows,
        (string English, string Norwegian) extraHeader, string extraCsv, int extraDecimals, string vcov, IReadOnlyList<string> notes)
    {
        var tables = new List<ReportTable>();
        var json = new JsonObject();
        foreach (var occasion in a.Occasions)
        {
            var id = $"{a.Id}-{occasion}";
            var cells = new List<IReadOnlyList<ReportCell>>();
            var tidy = new List<TidyRecord>();
            foreach (var r in rows.Where(r => r.Occasion == occasion))
            {
                var q = d.Plan.QuestionnaireOutcomes[r.Outcome];
                cells.Add([ReportCell.Text(q.LabelIn(l.IsNorwegian)), ReportCell.Count(r.N, l),
                    new ReportCell($"{l.Number(r.Estimate, 2)} ({l.Number(r.Lower, 2)}; {l.Number(r.Upper, 2)})", [ReportCell.Raw(r.Estimate), ReportCell.Raw(r.Lower), ReportCell.Raw(r.Upper)]),
                    ReportCell.Number(r.StdError, 2, l), ReportCell.Number(r.Df, 1, l), ReportCell.P(r.P, l), ReportCell.Number(r.Extra, extraDecimals, l)]);
                tidy.Add(new TidyRecord(id, r.Outcome, "", "", "ips", "difference", r.Estimate, r.StdError, r.Df, r.P, r.Lower, r.Upper, r.N, vcov));
                tidy.Add(new TidyRecord(id, r.Outcome, "", "", "", extraCsv, r.Extra, N: r.N));
                var o = (JsonObject?)json[r.Outcome] ?? new JsonObject();
                o[occasion] = new JsonObject
                {
                    ["difference"] = r.Estimate, ["se"] = r.StdError, ["df"] = r.Df, ["p"] = r.P, ["ciLower"] = r.Lower, ["ciUpper"] = r.Upper,
                    ["n"] = r.N, [extraCsv] = r.Extra,
                };
                json[r.Outcome] = o;
            }
            tables.Add(new ReportTable(id, $"{a.Heading}: {occasion}",
                [ReportColumn.Label(l.Text("Measure", "Mål"), "measure"), ReportColumn.Value("n", "n"),
                 new ReportColumn(l.Text($"{d.TreatedLabel} − {d.ControlLabel} (95 % CI)", $"{d.TreatedLabel} − {d.ControlLabel} (95 % KI)"), ["difference", "difference_lower", "difference_upper"]),
                 ReportColumn.Value(l.Text("SE", "SF"), "std_error"), ReportColumn.Value("df", "df"), ReportColumn.Value("p", "p"),
                 ReportColumn.Value(l.Text(extraHeader.English, extraHeader.Norwegian), extraCsv)], cells, notes, tidy));
        }
        return (tables, json);
    }
}
