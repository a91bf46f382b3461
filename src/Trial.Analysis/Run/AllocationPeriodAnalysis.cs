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
        var extra = periods.Count == 2 ? new Dictionary<string, Func<StudyParticipant, int, double>> { ["ips_period1"] = (p, _) => p.Treated && p.Record.Period == periods[0] ? 1 : 0 } : null;
        // The frames in the order the outcomes are reported (so a rejected outcome is the one reported before); then each
        // model on every outcome: outcomes observed in the same person-months share one design and its factorisation.
        var periodFrames = periods.Select(_ => new List<Data.DataFrame>()).ToList();
        var allFrames = new List<Data.DataFrame>();
        var interactionFrames = new List<Data.DataFrame>();
        foreach (var outcome in a.Outcomes)
        {
            for (var pi = 0; pi < periods.Count; pi++)
            {
                var period = periods[pi];
                periodFrames[pi].Add(PanelFrame.Build(d, a, outcome, a.Window!, p => p.Record.Period == period));
            }
            allFrames.Add(PanelFrame.Build(d, a, outcome, a.Window!));
            if (extra is not null)
            {
                interactionFrames.Add(PanelFrame.Build(d, a, outcome, a.Window!, extra: extra));
            }
        }
        var periodRuns = periodFrames.Select(frames => ModelRun.EstimateOutcomes(LpmFormula.Build(["ips"], a.Controls), frames, a.Inference, LpmFormula.References(d))).ToList();
        var combinedRuns = ModelRun.EstimateOutcomes(LpmFormula.Build(["ips", "period"], a.Controls), allFrames, a.Inference, LpmFormula.References(d));
        IReadOnlyList<ModelRun> interactionRuns = extra is null ? [] : ModelRun.EstimateOutcomes(LpmFormula.Build(["ips", "ips_period1", "period"], a.Controls), interactionFrames, a.Inference, LpmFormula.References(d));
        for (var oi = 0; oi < a.Outcomes.Count; oi++)
        {
            var outcome = a.Outcomes[oi];
            progress.WriteLine($"  {a.Id}: {outcome}");
            var models = new List<(string, ModelRun)>();
            var o = new JsonObject();
            for (var pi = 0; pi < periods.Count; pi++)
            {
                var m = periodRuns[pi][oi];
                models.Add((ConsortDiagram.PeriodLabel(periods[pi], l), m));
                o[periods[pi]] = RegressionTable.Json(m, a.Inference, "ips");
            }
            var combined = combinedRuns[oi];
            models.Add((l.Text("Combined, period FE", "Samlet, periode-FE"), combined));
            o["combined"] = RegressionTable.Json(combined, a.Inference, "ips");
            var notes = new List<string> { l.Text($"The allocation ratio was 2:1 ({l.Treated}:{l.Control}) until 2014-02-01 and 1:1 after; within a period the arms are exchangeable, so the combined model adjusts for period.",
                $"Fordelingsforholdet var 2:1 ({l.Treated}:{l.Control}) til 2014-02-01 og deretter 1:1; den samlede modellen justerer for periode.") };
            if (extra is not null)
            {
                var interaction = interactionRuns[oi];
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
