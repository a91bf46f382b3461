using Trial.Analysis.Data;
using Trial.Analysis.Plan;

namespace Trial.Analysis.Run;

/// <summary>Several LPMs of one analysis, each estimated on every outcome of the plan.</summary>
public static class LpmVariants
{
    /// <summary>The runs of each variant (outer, in <paramref name="variants"/>' order) on each outcome (inner, in the plan's order).</summary>
    public static IReadOnlyList<IReadOnlyList<ModelRun>> EstimateOnEveryOutcome(PlannedAnalysis a, StudyData d, IReadOnlyList<LpmVariant> variants)
    {
        // The frames in the order the outcomes are reported (so a rejected outcome is the one reported before); then each
        // variant on every outcome: outcomes observed in the same person-months share one design and its factorisation.
        var frames = variants.Select(_ => new List<DataFrame>()).ToList();
        foreach (var outcome in a.Outcomes)
        {
            for (var vi = 0; vi < variants.Count; vi++)
            {
                frames[vi].Add(PanelFrame.Build(d, a, outcome, a.Window!, variants[vi].Include, variants[vi].Extra));
            }
        }
        var references = LpmFormula.References(d);
        return [.. variants.Select((v, vi) => ModelRun.EstimateOutcomes(LpmFormula.Build(v.Focus, a.Controls), frames[vi], a.Inference, references))];
    }
}
