using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Run;

/// <summary>
/// The LPM stratified by allocation period (2:1 vs 1:1) and combined with a period effect, because the chance of
/// IPS changed over time; plus a test of equal effects across periods.
/// </summary>
public static class AllocationPeriodAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var periods = d.Participants.Select(p => p.Record.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var tables = new List<ReportTable>();
        var json = new JsonObject();
        foreach (var outcome in a.Outcomes)
        {
            progress.WriteLine($"  {a.Id}: {outcome}");
            var models = new List<(string, ModelRun)>();
            var o = new JsonObject();
            foreach (var period in periods)
            {
                var m = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!, p => p.Record.Period == period), a.Inference, LpmFormula.References(d));
                models.Add((ConsortDiagram.PeriodLabel(period, l), m));
                o[period] = RegressionTable.Json(m, a.Inference, "ips");
            }
            var combined = ModelRun.Estimate(LpmFormula.Build(["ips", "period"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!), a.Inference, LpmFormula.References(d));
            models.Add((l.Text("Combined, period FE", "Samlet, periode-FE"), combined));
            o["combined"] = RegressionTable.Json(combined, a.Inference, "ips");
            var notes = new List<string> { l.Text($"The allocation ratio was 2:1 ({l.Treated}:{l.Control}) until 2014-02-01 and 1:1 after; within a period the arms are exchangeable, so the combined model adjusts for period.",
                $"Fordelingsforholdet var 2:1 ({l.Treated}:{l.Control}) til 2014-02-01 og deretter 1:1; den samlede modellen justerer for periode.") };
            if (periods.Count == 2)
            {
                var extra = new Dictionary<string, Func<StudyParticipant, int, double>> { ["ips_period1"] = (p, _) => p.Treated && p.Record.Period == periods[0] ? 1 : 0 };
                var interaction = ModelRun.Estimate(LpmFormula.Build(["ips", "ips_period1", "period"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!, extra: extra), a.Inference, LpmFormula.References(d));
                o["interaction"] = RegressionTable.Json(interaction, a.Inference, "ips_period1");
                notes.AddRange(a.Inference.Where(c => c.Method == InferenceMethod.Sandwich).Select(c =>
                {
                    var t = interaction.Test(LinearHypothesis.AllZero("ips_period1"), c);
                    return l.Text($"Equal effects in both periods ({RegressionTable.Short(c)}): {CentreAnalysis.Describe(t, l)}.", $"Lik effekt i begge perioder ({RegressionTable.Short(c)}): {CentreAnalysis.Describe(t, l)}.");
                }));
            }
            json[outcome] = o;
            tables.Add(RegressionTable.Build($"{a.Id}-{outcome}", $"{a.Heading}: {StatusAnalysis.OutcomeLabel(d, outcome, l)}", models, ["ips"],
                LpmFormula.ControlTerms(models.Select(m => m.Item2), a.Controls), a.Inference, LpmFormula.FixedEffectLabels(l), l, notes, outcome));
        }
        return new AnalysisResult(a.Id, a.Heading, tables, [], json, []);
    }
}
