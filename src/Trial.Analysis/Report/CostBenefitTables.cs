using Trial.Analysis.CostBenefit;

namespace Trial.Analysis.Report;

/// <summary>The cost-benefit section as report tables and the critical-wage figure.</summary>
public static class CostBenefitTables
{
    public static IReadOnlyList<ReportTable> Tables(CriticalWageAnalysis a, ReportLocale l)
    {
        var required = new ReportTable("cost-required-pv", l.Text($"Required present value per {l.Treated} participant (seed 001 Table 21), 2014 NOK", $"Nødvendig nåverdi per {l.Treated}-deltaker (seed 001 tabell 21), 2014-kroner"),
            [ReportColumn.Label(l.Text("Item", "Post"), "item"), ReportColumn.Value("NOK", "nok")],
            [
                [ReportCell.Text(l.Text($"Operating cost, one year × (1+λ) / {a.Inputs.Costs.Participants}", $"Driftskostnad, ett år × (1+λ) / {a.Inputs.Costs.Participants}")), ReportCell.Number(a.Required.Operating, 0, l)],
                [ReportCell.Text(l.Text("NAV measures saved (as documented)", "Sparte NAV-tiltak (som dokumentert)")), ReportCell.Number(a.Required.NavMeasures, 0, l)],
                [ReportCell.Text(l.Text("One-off start-up costs × (1+λ) / n", "Engangskostnader × (1+λ) / n")), ReportCell.Number(a.Required.OneOff, 0, l)],
                [ReportCell.Text(l.Text("Total derived from Table 20", "Sum utledet fra tabell 20")), ReportCell.Number(a.Required.Derived, 1, l)],
                [ReportCell.Text(l.Text($"Used: {a.Required.UsedSource}", $"Brukt: {a.Required.UsedSourceNb}")), ReportCell.Number(a.Required.Used, 2, l)],
            ],
            [l.Text("Table 20 is printed in NOK 1000, so lines derived from it can differ from Table 21 by a few kroner.", "Tabell 20 er oppgitt i 1000 kr, så utledete linjer kan avvike noen kroner fra tabell 21.")]);
        var wage = new ReportTable("cost-critical-wage", l.Text("Critical gross real wage by assumed duration of the effect (seed 001 Table 23)", "Kritisk brutto reallønn etter antatt varighet av effekten (seed 001 tabell 23)"),
            [ReportColumn.Value(l.Text("Years", "År"), "years"), ReportColumn.Value(l.Text("Critical wage (NOK)", "Kritisk lønn (kr)"), "critical_wage"),
             ReportColumn.Interval(l.Text("Fieller-type 95 % bounds", "Fieller-type 95 %-grenser"), "fieller"), ReportColumn.Label(l.Text("Bounds", "Grenser"), "bound")],
            a.Rows.Select(r => (IReadOnlyList<ReportCell>)[ReportCell.Count(r.Years, l), ReportCell.Number(r.CriticalWage, 0, l),
                r.Interval is null ? ReportCell.Empty : new ReportCell($"{l.Number(r.Interval.Lower ?? double.NaN, 0)}; {(r.Interval.Upper is { } u ? l.Number(u, 0) : "∞")}",
                    [ReportCell.Raw(r.Interval.Lower ?? double.NaN), r.Interval.Upper is { } up ? ReportCell.Raw(up) : "Inf"]),
                new ReportCell(r.Interval?.Describe(l) ?? "", [r.Interval?.Describe() ?? ""])]).ToList(),
            [l.Text($"Δp = {l.Number(a.Effect.Estimate, 4)}" + (a.Effect.HasInterval ? $" (95 % CI {l.Number(a.Effect.Lower!.Value, 4)}; {l.Number(a.Effect.Upper!.Value, 4)})" : "") + $"; {a.Effect.Source}.",
                    $"Δp = {l.Number(a.Effect.Estimate, 4)}" + (a.Effect.HasInterval ? $" (95 % KI {l.Number(a.Effect.Lower!.Value, 4)}; {l.Number(a.Effect.Upper!.Value, 4)})" : "") + $"; {a.Effect.Source}."),
             l.Text("The required cost is treated as known; the bounds are the image of the effect's CI under X*(Δp) (Fieller). When the CI includes zero there is no finite upper bound.",
                    "Kostnaden behandles som kjent; grensene er bildet av effektens KI under X*(Δp) (Fieller). Når KI inneholder null finnes ingen endelig øvre grense."),
             .. a.NotesIn(l)]);
        var tables = new List<ReportTable> { required, wage };
        if (a.Breakdown is { } b)
        {
            tables.Add(new ReportTable("cost-breakdown", l.Text($"Present value of one new job at X = {l.Number(b.Wage, 0)} NOK (seed 001 Table 22)", $"Nåverdi av én ny jobb ved X = {l.Number(b.Wage, 0)} kr (seed 001 tabell 22)"),
                [ReportColumn.Label(l.Text("Year", "År"), "year"), ReportColumn.Value(l.Text("W production", "W verdiskaping"), "production"),
                 ReportColumn.Value(l.Text("F lost leisure", "F tapt fritid"), "lost_leisure"), ReportColumn.Value(l.Text("λU saved tax cost", "λU spart skattekostnad"), "saved_tax_cost")],
                [.. b.Years.Select(y => (IReadOnlyList<ReportCell>)[ReportCell.Count(y.Year, l), ReportCell.Number(y.Production, 0, l), ReportCell.Number(y.LostLeisure, 0, l), ReportCell.Number(y.SavedTaxCost, 0, l)]),
                 [ReportCell.Text(l.Text("Sum", "Sum")), ReportCell.Number(b.Production, 0, l), ReportCell.Number(b.LostLeisure, 0, l), ReportCell.Number(b.SavedTaxCost, 0, l)]],
                [l.Text($"Per newly employed person {l.Number(b.PerEmployed, 0)} NOK; × Δp = {l.Number(b.PerParticipant, 0)} NOK per participant.",
                        $"Per nysysselsatt {l.Number(b.PerEmployed, 0)} kr; × Δp = {l.Number(b.PerParticipant, 0)} kr per deltaker.")]));
        }
        if (a.Sensitivity.Count > 0)
        {
            var rates = a.Inputs.SensitivityDiscountRates;
            tables.Add(new ReportTable("cost-sensitivity", l.Text("Sensitivity: critical wage (NOK) by duration and discount rate", "Sensitivitet: kritisk lønn (kr) etter varighet og diskonteringsrente"),
                [ReportColumn.Label(l.Text("Years", "År"), "years"), .. rates.Select(r => ReportColumn.Value($"r = {l.Number(r * 100, 1)} %", $"r_{ReportCell.Raw(r)}"))],
                a.Inputs.SensitivityDurations.Select(t => (IReadOnlyList<ReportCell>)[ReportCell.Count(t, l),
                    .. rates.Select(r => ReportCell.Number(a.Sensitivity.Single(c => c.Years == t && c.DiscountRate == r).CriticalWage, 0, l))]).ToList(), []));
        }
        tables.Add(new ReportTable("cost-break-even", l.Text("Break-even employment effect Δp* for a given yearly wage", "Nødvendig sysselsettingseffekt Δp* for gitt årslønn"),
            [ReportColumn.Value(l.Text("Wage (NOK)", "Lønn (kr)"), "wage"), .. a.Rows.Select(r => ReportColumn.Value($"{r.Years} {l.Text("years", "år")}", $"years_{r.Years}"))],
            a.BreakEven.GroupBy(x => x.Wage).Select(g => (IReadOnlyList<ReportCell>)[ReportCell.Number(g.Key, 0, l), .. g.Select(x => ReportCell.Number(x.Effect, 3, l))]).ToList(), []));
        return tables;
    }

    public static ReportFigure Figure(CriticalWageAnalysis a, ReportLocale l) => new("critical-wage",
        l.Text("Critical gross wage against the assumed duration of the effect, with Fieller-type 95 % bounds (dashed; an open upper bound is not drawn).",
               "Kritisk bruttolønn mot antatt varighet av effekten, med Fieller-type 95 %-grenser (stiplet; en åpen øvre grense tegnes ikke)."),
        230, () =>
        {
            var plot = Charts.Base(l, l.Text("Critical gross wage vs duration", "Kritisk bruttolønn mot varighet"), l.Text("Years the effect lasts", "År effekten varer"), "NOK", 0);
            var years = a.Sensitivity.Select(c => c.Years).Distinct().Order().ToArray();
            var model = a.Inputs.Model;
            var xs = years.Select(t => (double)t).ToArray();
            if (a.Effect.Estimate > 0)
            {
                Charts.Line(plot, xs, years.Select(t => model.CriticalWage(t, a.Effect.Estimate)).ToArray(), l.Text("Critical wage", "Kritisk lønn"), Charts.Treated, markers: true);
                if (a.Effect.HasInterval && a.Effect.Upper > 0)
                {
                    var low = plot.Add.Scatter(xs, years.Select(t => model.CriticalWage(t, a.Effect.Upper!.Value)).ToArray(), Charts.Treated);
                    low.LinePattern = ScottPlot.LinePattern.Dashed;
                    low.MarkerSize = 0;
                    low.LegendText = l.Text("95 % bounds", "95 %-grenser");
                    if (a.Effect.Lower > 0)
                    {
                        var high = plot.Add.Scatter(xs, years.Select(t => model.CriticalWage(t, a.Effect.Lower!.Value)).ToArray(), Charts.Treated);
                        high.LinePattern = ScottPlot.LinePattern.Dashed;
                        high.MarkerSize = 0;
                    }
                }
                var maxY = years.Select(t => model.CriticalWage(t, a.Effect.Estimate)).Max();
                plot.Axes.SetLimitsY(0, maxY * 2.2);
            }
            plot.Axes.Bottom.SetTicks(xs, [.. years.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Charts.LegendOutside(plot);
            return plot;
        });
}
