using Trial.Analysis.CostBenefit;
using Trial.Analysis.Plan;

namespace Trial.Analysis.Run;

/// <summary>The critical wage with Δp and its CI taken from the fitted model named in the plan (not typed in).</summary>
public static class CostBenefitSection
{
    public static CriticalWageAnalysis Run(CostBenefitLink link, IReadOnlyList<AnalysisResult> results, StudyData d, Report.ReportLocale l)
    {
        var inputs = CostBenefitInputsLoader.Load(link.InputsPath);
        var model = results.Single(r => r.Id == link.Analysis).Json[link.Outcome]
            ?? throw new InvalidOperationException($"analysis {link.Analysis} has no result for {link.Outcome}");
        var ips = model["coefficients"]!["ips"]!;
        var inference = ips["inference"]![link.Inference.Id]!;
        var effect = new EffectEstimate(ips["estimate"]!.GetValue<double>(), inference["ciLower"]!.GetValue<double>(), inference["ciUpper"]!.GetValue<double>(),
            l.Text($"{link.Analysis} / {link.Outcome}: {d.TreatedLabel} coefficient, 95 % CI by {link.Inference.Label}", $"{link.Analysis} / {link.Outcome}: {d.TreatedLabel}-koeffisient, 95 % KI ved {link.Inference.LabelNorwegian}")
                + (d.Disclosure == ArmDisclosure.Blinded ? l.Text(" (BLINDED: permuted arms)", " (BLINDET: permuterte grupper)") : ""));
        return CriticalWageAnalysis.Run(inputs, effect);
    }
}
