using System.Text.Json.Nodes;
using Trial.Analysis.Data;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;

namespace Trial.Analysis.Run;

/// <summary>
/// ANCOVA sensitivity analysis, one row per person: the share of months with the outcome after inclusion regressed on
/// arm and the same share before inclusion (plus controls and centre), the efficient estimator in an RCT.
/// </summary>
public static class AncovaAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l)
    {
        var models = new List<(string, ModelRun)>();
        var json = new JsonObject();
        foreach (var outcome in a.Outcomes)
        {
            var values = d.Panel.Outcomes[outcome];
            var sums = new Dictionary<int, (double B, int Nb, double A, int Na)>();
            for (var r = 0; r < d.Panel.Count; r++)
            {
                if (double.IsNaN(values[r]))
                {
                    continue;
                }
                var k = d.Panel.EventMonth[r];
                var s = sums.GetValueOrDefault(d.Panel.Person[r]);
                if (a.Before!.Contains(k))
                {
                    s = (s.B + values[r], s.Nb + 1, s.A, s.Na);
                }
                else if (a.After!.Contains(k))
                {
                    s = (s.B, s.Nb, s.A + values[r], s.Na + 1);
                }
                sums[d.Panel.Person[r]] = s;
            }
            var people = sums.Where(kv => kv.Value.Nb > 0 && kv.Value.Na > 0 && d.InPopulation(a.Population, d.Participants[kv.Key])).OrderBy(kv => kv.Key).ToList();
            var persons = people.Select(kv => d.Participants[kv.Key]).ToList();
            var ys = people.Select(kv => kv.Value.A / kv.Value.Na).ToArray();
            PanelFrame.RequireVariation(d, a, outcome, ys);
            var frame = new DataFrame([
                new NumericColumn("y", ys),
                new NumericColumn("baseline", people.Select(kv => kv.Value.B / kv.Value.Nb).ToArray()),
                new NumericColumn("ips", persons.Select(p => p.Treated ? 1.0 : 0.0).ToArray()),
                new TextColumn("centre", persons.Select(p => (string?)p.Centre).ToArray()),
                new TextColumn("participant", persons.Select(p => (string?)p.Id).ToArray()),
                .. PanelFrame.Covariates(d, persons)]);
            var m = ModelRun.Estimate("y ~ ips + baseline + " + string.Join(" + ", a.Controls.Select(c => c.Name).Append("centre")), frame, a.Inference, LpmFormula.References(d));
            models.Add((StatusAnalysis.OutcomeLabel(d, outcome, l), m));
            json[outcome] = RegressionTable.Json(m, a.Inference, "ips", "baseline");
        }
        var table = RegressionTable.Build(a.Id, a.Heading, models, ["ips"], ["baseline", .. a.Controls.Select(c => c.Name)], a.Inference,
            [l.Text("Centre FE", "Senter-FE")], l,
            [l.Text($"One row per person: outcome = share of months {a.After} with the status; baseline = share of months {a.Before}. Persons with no months in either window are excluded.",
                    $"Én rad per person: utfall = andel måneder {a.After} med status; baseline = andel måneder {a.Before}.")]);
        return new AnalysisResult(a.Id, a.Heading, [table], [], json, []);
    }
}
