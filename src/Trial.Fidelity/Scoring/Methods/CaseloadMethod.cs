using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>ST1: participants assigned to all specialists ÷ specialist FTEs (L2754–2759), supervisor left out (L2715–2721).</summary>
internal static class CaseloadMethod
{
    public static Computed? Compute(ScaleItem item, ItemEvidence evidence, ScoringSettings settings)
    {
        var counted = evidence.Caseloads.Where(c => !c.IsSupervisor).ToList();
        var fte = counted.Sum(c => c.Fte);
        if (counted.Count == 0 || fte <= 0)
        {
            return null;
        }
        var value = counted.Sum(c => c.Participants) / fte;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var excluded = evidence.Caseloads.Count - counted.Count;
        var rule = $"{counted.Sum(c => c.Participants)} participants / {WholeNumber.Show(fte)} FTE = {WholeNumber.Show(value)}, "
            + $"{WholeNumber.Describe(settings.Rounding)} to {rounded} per specialist"
            + (excluded > 0 ? $" (supervisor's caseload left out)" : "");
        return Computed.Of(value, rounded, item.Band(rounded), rule);
    }
}
