using System.Text.Json.Nodes;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Figure 9: share in work by month relative to inclusion, per arm (months with ≥ 20 persons in the arm).</summary>
public static class WorkShareFigure
{
    /// <summary>Months with fewer persons in an arm are not drawn: a share over a handful of people is noise (the seed hid cells under 5).</summary>
    public const int MinimumPersons = 20;

    public static (ReportFigure Figure, JsonObject Json) Build(StudyData d, string outcome, ReportLocale l)
    {
        var panel = d.Panel;
        var values = panel.Outcomes[outcome];
        var series = new[] { true, false }.Select(treated =>
        {
            var sums = new SortedDictionary<int, (double Sum, int N)>();
            for (var r = 0; r < panel.Count; r++)
            {
                if (d.Participants[panel.Person[r]].Treated == treated && !double.IsNaN(values[r]))
                {
                    var s = sums.GetValueOrDefault(panel.EventMonth[r]);
                    sums[panel.EventMonth[r]] = (s.Sum + values[r], s.N + 1);
                }
            }
            var kept = sums.Where(kv => kv.Value.N >= MinimumPersons).ToList();
            return (treated, Xs: kept.Select(kv => (double)kv.Key).ToArray(), Ys: kept.Select(kv => kv.Value.Sum / kv.Value.N).ToArray());
        }).ToList();
        var json = new JsonObject(series.Select(s => KeyValuePair.Create(s.treated ? "treated" : "control",
            (JsonNode?)new JsonObject(s.Xs.Select((x, i) => KeyValuePair.Create(x.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)s.Ys[i]))))));
        var label = StatusAnalysis.OutcomeLabel(d, outcome, l);
        var figure = new ReportFigure("work-share", l.Text(
                $"Share '{label}' by month relative to inclusion (month 0), per arm, as seed 001 Figure 9. Months with fewer than 20 persons in an arm are not shown.",
                $"Andel '{label}' etter måned relativt til inklusjon (måned 0), per gruppe, som figur 9 i seed 001. Måneder med færre enn 20 personer i en gruppe vises ikke."),
            260, () =>
            {
                var plot = Charts.Base(l, l.Text($"{label}: share by month relative to inclusion", $"{label}: andel etter måned relativt til inklusjon"),
                    l.Text("Months relative to inclusion", "Måneder relativt til inklusjon"), l.Text("Share", "Andel"), 2);
                foreach (var s in series)
                {
                    Charts.Line(plot, s.Xs, s.Ys, d.ArmLabel(s.treated), s.treated ? Charts.Treated : Charts.Control);
                }
                var v = plot.Add.VerticalLine(0, 1, ScottPlot.Colors.Gray);
                v.LinePattern = ScottPlot.LinePattern.Dashed;
                Charts.LegendOutside(plot);
                return plot;
            });
        return (figure, json);
    }
}
