using System.Text.Json.Nodes;
using Trial.Analysis.Plan;
using Trial.Analysis.Report;
using Trial.Analysis.Variance;

namespace Trial.Analysis.Run;

/// <summary>Seed 001 Table 14: IPS and IPS × early in the first 18 months, the joint test, and split samples.</summary>
public static class EarlyLateAnalysis
{
    public static AnalysisResult Run(PlannedAnalysis a, StudyData d, ReportLocale l, TextWriter progress)
    {
        var cut = a.EarlyBefore!.Value;
        bool Early(StudyParticipant p) => p.Record.RandomisedOn < cut;
        var tables = new List<ReportTable>();
        var json = new JsonObject();
        foreach (var outcome in a.Outcomes)
        {
            progress.WriteLine($"  {a.Id}: {outcome}");
            var extra = new Dictionary<string, Func<StudyParticipant, int, double>>
            {
                ["early"] = (p, _) => Early(p) ? 1 : 0,
                ["ips_early"] = (p, _) => p.Treated && Early(p) ? 1 : 0,
            };
            var full = ModelRun.Estimate(LpmFormula.Build(["ips", "ips_early", "early"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!, extra: extra), a.Inference, LpmFormula.References(d));
            var late = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!, p => !Early(p)), a.Inference, LpmFormula.References(d));
            var early = ModelRun.Estimate(LpmFormula.Build(["ips"], a.Controls), PanelFrame.Build(d, a, outcome, a.Window!, Early), a.Inference, LpmFormula.References(d));
            var joint = a.Inference.Where(c => c.Method == InferenceMethod.Sandwich).Select(c => (c, full.Test(LinearHypothesis.AllZero("ips", "ips_early"), c))).ToList();
            json[outcome] = new JsonObject
            {
                ["full"] = RegressionTable.Json(full, a.Inference, "ips", "ips_early"),
                ["late"] = RegressionTable.Json(late, a.Inference, "ips"),
                ["early"] = RegressionTable.Json(early, a.Inference, "ips"),
                ["jointTest"] = new JsonObject(joint.Select(j => KeyValuePair.Create(j.c.Id, (JsonNode?)CentreAnalysis.Test(j.Item2)))),
            };
            tables.Add(RegressionTable.Build($"{a.Id}-{outcome}", $"{a.Heading}: {StatusAnalysis.OutcomeLabel(d, outcome, l)}",
                [(l.Text("(1) Full sample", "(1) Hele utvalget"), full), (l.Text("(2) Late", "(2) Sent inkluderte"), late), (l.Text("(3) Early", "(3) Tidlig inkluderte"), early)],
                ["ips", "ips_early"], LpmFormula.ControlTerms([full], a.Controls).Append("early").ToList(), a.Inference, LpmFormula.FixedEffectLabels(l), l,
                [l.Text($"Early = randomised before {cut:yyyy-MM-dd}. Model (1) includes an early main effect (the seed does not say whether it did).", $"Tidlig = randomisert før {cut:yyyy-MM-dd}. Modell (1) har hovedeffekt for tidlig."),
                 .. joint.Select(j => l.Text($"Joint test {l.Treated} = {l.Treated} × early = 0 ({RegressionTable.Short(j.c)}): {CentreAnalysis.Describe(j.Item2, l)}.", $"Felles test {l.Treated} = {l.Treated} × tidlig = 0 ({RegressionTable.Short(j.c)}): {CentreAnalysis.Describe(j.Item2, l)}."))], outcome));
        }
        return new AnalysisResult(a.Id, a.Heading, tables, [], json, []);
    }
}
