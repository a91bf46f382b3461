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
        var participants = counted.Sum(c => c.Participants);
        var value = participants / fte;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var supervisor = evidence.Caseloads.Count > counted.Count;
        var how = WholeNumber.Describe(settings.Rounding);
        return Computed.Of(value, rounded, item.Band(rounded), new(
            $"{participants} deltakere / {WholeNumber.ShowNb(fte)} årsverk = {WholeNumber.ShowNb(value)}, {how.NorwegianBokmal} til {rounded} per jobbspesialist"
                + (supervisor ? " (metodeveilederens portefølje holdt utenfor)" : ""),
            $"{participants} participants / {WholeNumber.Show(fte)} FTE = {WholeNumber.Show(value)}, {how.English} to {rounded} per specialist"
                + (supervisor ? " (supervisor's caseload left out)" : "")));
    }
}
