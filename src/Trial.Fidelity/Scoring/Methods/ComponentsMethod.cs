using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>OR2, OR5, OR7, OR8, SV2, SV14: the number of components present, mapped by the item's table.</summary>
internal static class ComponentsMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence)
    {
        if (!evidence.ComponentsRecorded)
        {
            return null;
        }
        var present = item.Components.Keys.Where(evidence.ComponentsPresent.Contains).ToList();
        var missing = item.Components.Keys.Except(present).ToList();
        var score = item.ComponentScores[present.Count];
        var has = present.Count > 0 ? $" ({string.Join(", ", present)})" : "";
        return Computed.Of(present.Count, present.Count, score, new(
            $"{present.Count} av {item.Components.Count} elementer til stede{has}" + (missing.Count > 0 ? $"; mangler {string.Join(", ", missing)}" : ""),
            $"{present.Count} of {item.Components.Count} components present{has}" + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "")));
    }
}
