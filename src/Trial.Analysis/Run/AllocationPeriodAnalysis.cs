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
        // One model per period, the combined one with a period effect and, with two periods, their interaction.
        var variants = periods.Select(period => new LpmVariant(["ips"], p => p.Record.Period == period)).ToList();
        variants.Add(new LpmVariant(["ips", "period"]));
        if (extra is not null)
        {
            variants.Add(new LpmVariant(["ips", "ips_period1", "period"], Extra: extra));
        }
        var runs = LpmVariants.EstimateOnEveryOutcome(a, d, variants);
        var periodRuns = runs.Take(periods.Count).ToList();
        var combinedRuns = runs[periods.Count];
        var interactionRuns = extra is null ? [] : runs[periods.Count + 1];
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
