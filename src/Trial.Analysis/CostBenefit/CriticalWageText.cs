using Trial.Analysis.Report;

namespace Trial.Analysis.CostBenefit;

/// <summary>Plain-text rendering of a <see cref="CriticalWageAnalysis"/> for the terminal.</summary>
public static class CriticalWageText
{
    public static void Write(CriticalWageAnalysis a, ReportLocale l, TextWriter o)
    {
        var p = a.Inputs.Parameters;
        o.WriteLine($"Critical gross real wage ({a.Inputs.Trial}, cost-benefit inputs v{a.Inputs.Version}; {a.Inputs.Costs.Year} NOK)");
        o.WriteLine($"Effect Δp = {l.Number(a.Effect.Estimate, 4)}" +
                    (a.Effect.HasInterval ? $" (95% CI {l.Number(a.Effect.Lower!.Value, 4)} to {l.Number(a.Effect.Upper!.Value, 4)})" : "") +
                    $"; source: {a.Effect.Source}");
        o.WriteLine($"a={l.Number(p.SocialCosts, 3)} b={l.Number(p.AverageTax, 3)} λ={l.Number(p.TaxFinancingCost, 3)} d={l.Number(p.ExtraTax, 3)} " +
                    $"e={l.Number(p.RealWageGrowth, 3)} r={l.Number(p.DiscountRate, 3)} V={l.Number(p.DisabilityBenefit, 0)}");
        o.WriteLine();
        o.WriteLine("Required present value per IPS participant (Table 21)");
        o.WriteLine($"  Operating cost × (1+λ) / participants      {l.Number(a.Required.Operating, 0),12}");
        o.WriteLine($"  NAV measures saved (as documented)        {l.Number(a.Required.NavMeasures, 0),12}");
        o.WriteLine($"  One-off start-up costs × (1+λ) / n        {l.Number(a.Required.OneOff, 0),12}");
        o.WriteLine($"  Total derived from Table 20               {l.Number(a.Required.Derived, 1),12}");
        o.WriteLine($"  Used: {a.Required.UsedSource,-35} {l.Number(a.Required.Used, 2),12}");
        o.WriteLine();
        o.WriteLine("Critical wage by assumed duration of the effect (Table 23)");
        o.WriteLine($"  {"Years",5}  {"Critical wage",14}  {"Fieller-type 95% bounds",-48}");
        foreach (var r in a.Rows)
        {
            var bounds = r.Interval switch
            {
                null => "(no CI given)",
                { Kind: BoundKind.Bounded } i => $"{l.Number(i.Lower!.Value, 0)} to {l.Number(i.Upper!.Value, 0)}",
                { Kind: BoundKind.UnboundedAbove } i => $"{l.Number(i.Lower!.Value, 0)} to ∞ ({i.Describe(l)})",
                var i => i.Describe(l),
            };
            o.WriteLine($"  {r.Years,5}  {l.Number(r.CriticalWage, 0),14}  {bounds}");
        }
        if (a.Breakdown is { } b)
        {
            o.WriteLine();
            o.WriteLine($"Present value of one new job at X = {l.Number(b.Wage, 0)} over {b.Years.Count} years (Table 22)");
            o.WriteLine($"  {"Year",4} {"W production",14} {"F leisure",14} {"λU tax cost",14}");
            foreach (var y in b.Years)
            {
                o.WriteLine($"  {y.Year,4} {l.Number(y.Production, 0),14} {l.Number(y.LostLeisure, 0),14} {l.Number(y.SavedTaxCost, 0),14}");
            }
            o.WriteLine($"  {"Sum",4} {l.Number(b.Production, 0),14} {l.Number(b.LostLeisure, 0),14} {l.Number(b.SavedTaxCost, 0),14}");
            o.WriteLine($"  Per newly employed {l.Number(b.PerEmployed, 0)}; × Δp = {l.Number(b.PerParticipant, 0)} per participant");
        }
        if (a.Sensitivity.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("Sensitivity: critical wage by duration (rows) and discount rate (columns)");
            var rates = a.Inputs.SensitivityDiscountRates;
            o.WriteLine("  " + "Years".PadLeft(5) + string.Concat(rates.Select(r => $"{l.Number(r * 100, 1) + " %",12}")));
            foreach (var t in a.Inputs.SensitivityDurations)
            {
                o.WriteLine("  " + $"{t,5}" + string.Concat(rates.Select(r => $"{l.Number(a.Sensitivity.Single(c => c.Years == t && c.DiscountRate == r).CriticalWage, 0),12}")));
            }
        }
        o.WriteLine();
        o.WriteLine("Break-even employment effect Δp* for a given yearly wage");
        foreach (var w in a.BreakEven.GroupBy(x => x.Wage))
        {
            o.WriteLine($"  X = {l.Number(w.Key, 0),9}: " + string.Join("; ", w.Select(x => $"{x.Years} y: {l.Number(x.Effect, 3)}")));
        }
        foreach (var note in a.NotesIn(l))
        {
            o.WriteLine();
            o.WriteLine("Note: " + note);
        }
        o.WriteLine();
        o.WriteLine("The required cost is treated as known; the bounds are the image of the effect's CI under X*(Δp) (Fieller).");
    }
}
