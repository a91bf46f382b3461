using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Inputs;
using Trial.Analysis.Plan;

namespace Trial.Analysis.Run;

/// <summary>
/// Builds the person-month data frame a regression reads: outcome y, treatment indicator ips, the plan's covariates,
/// calendar year and month, centre, participant, allocation period, event month k, and any extra columns.
/// Checks that the outcome varies; if it does not, the run stops before writing anything.
/// </summary>
public static class PanelFrame
{
    public static DataFrame Build(StudyData d, PlannedAnalysis a, string outcome, EventWindow window,
        Func<StudyParticipant, bool>? include = null, IReadOnlyDictionary<string, Func<StudyParticipant, int, double>>? extra = null,
        Func<int, bool>? keepMonth = null)
    {
        var panel = d.Panel;
        var values = panel.Outcomes[outcome];
        var rows = new List<int>();
        for (var r = 0; r < panel.Count; r++)
        {
            var p = d.Participants[panel.Person[r]];
            if (window.Contains(panel.EventMonth[r]) && (keepMonth is null || keepMonth(panel.EventMonth[r])) && !double.IsNaN(values[r]) && d.InPopulation(a.Population, p) && (include is null || include(p)))
            {
                rows.Add(r);
            }
        }
        RequireVariation(d, a, outcome, rows.Select(r => values[r]));
        // Everything that belongs to a participant is worked out once per participant and then indexed by each row's
        // person, and the text columns are built as codes into their levels: no per-row parsing, formatting or hashing
        // (this frame is built once per outcome of every analysis).
        var person = rows.Select(r => panel.Person[r]).ToArray();
        var people = d.Participants;
        var columns = new List<DataColumn>
        {
            new NumericColumn("y", rows.Select(r => values[r]).ToArray()),
            new NumericColumn("ips", person.Select(p => people[p].Treated ? 1.0 : 0.0).ToArray()),
            new NumericColumn("k", rows.Select(r => (double)panel.EventMonth[r]).ToArray()),
            CalendarColumn("year", rows, panel, m => Register.RegisterExtract.FromIndex(m).Year.ToString(CultureInfo.InvariantCulture)),
            CalendarColumn("calendar_month", rows, panel, m => Register.RegisterExtract.FromIndex(m).Month.ToString("00", CultureInfo.InvariantCulture)),
            ByPerson(new TextColumn("centre", [.. people.Select(p => (string?)p.Centre)]), person),
            ByPerson(new TextColumn("participant", [.. people.Select(p => (string?)p.Id)]), person),
            ByPerson(new TextColumn("period", [.. people.Select(p => (string?)p.Record.Period)]), person),
        };
        columns.AddRange(Covariates(d, people).Select(c => ByPerson(c, person)));
        if (extra is not null)
        {
            columns.AddRange(extra.Select(e => (DataColumn)new NumericColumn(e.Key, rows.Select(r => e.Value(d.Participants[panel.Person[r]], panel.EventMonth[r])).ToArray())));
        }
        return new DataFrame(columns);
    }

    /// <summary>A participant-level column (one cell per participant) spread over rows whose participants are <paramref name="person"/>.</summary>
    private static DataColumn ByPerson(DataColumn column, int[] person)
    {
        if (column is NumericColumn numeric)
        {
            return new NumericColumn(column.Name, person.Select(p => numeric.Values[p]).ToArray());
        }
        var (codes, levels) = ((TextColumn)column).Interned();
        return new TextColumn(column.Name, person.Select(p => codes[p]).ToArray(), levels, offerNumbers: false);
    }

    /// <summary>A text column of the calendar month's <paramref name="label"/> (year, month), each label formatted once.</summary>
    private static TextColumn CalendarColumn(string name, List<int> rows, PersonMonths panel, Func<int, string> label)
    {
        var interner = new LevelInterner();
        var byMonth = new Dictionary<int, int>();
        var codes = new int[rows.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var month = panel.Month[rows[i]];
            if (!byMonth.TryGetValue(month, out var code))
            {
                code = interner.Code(label(month));
                byMonth[month] = code;
            }
            codes[i] = code;
        }
        return new TextColumn(name, codes, [.. interner.Levels], offerNumbers: false);
    }

    /// <summary>The plan's covariates for a list of participants (numbers, 0/1 indicators, or text factors).</summary>
    public static IEnumerable<DataColumn> Covariates(StudyData d, IReadOnlyList<StudyParticipant> people) =>
        d.Plan.Covariates.Values.Select(c => c.Type switch
        {
            CovariateType.Number => (DataColumn)new NumericColumn(c.Name, people.Select(p => Number(p.Record.Covariate(c.Column))).ToArray()),
            CovariateType.Indicator => new NumericColumn(c.Name, people.Select(p => p.Record.Covariate(c.Column) is { Length: > 0 } v ? (v == c.Level ? 1.0 : 0.0) : double.NaN).ToArray()),
            _ => new TextColumn(c.Name, people.Select(p => p.Record.Covariate(c.Column) is { Length: > 0 } v ? v : null).ToArray()),
        });

    public static void RequireVariation(StudyData d, PlannedAnalysis a, string outcome, IEnumerable<double> values)
    {
        var distinct = values.Distinct().Take(2).ToList();
        if (distinct.Count < 2)
        {
            var index = a.Outcomes.ToList().IndexOf(outcome);
            throw new InputRejectedException(d.Plan.File, $"{a.YamlPath}.outcomes[{index}]",
                distinct.Count == 0
                    ? $"outcome '{outcome}' has no observations in population '{a.Population.Id}'"
                    : $"outcome '{outcome}' has no variation in population '{a.Population.Id}' (every value is {distinct[0].ToString(CultureInfo.InvariantCulture)}); it cannot be analysed");
        }
    }

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
