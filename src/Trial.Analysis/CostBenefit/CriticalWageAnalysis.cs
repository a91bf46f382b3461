namespace Trial.Analysis.CostBenefit;

/// <summary>Everything the cost-benefit section reports: Tables 21–23, Fieller bounds, sensitivity and break-even effects.</summary>
public sealed record CriticalWageAnalysis(
    CostBenefitInputs Inputs,
    EffectEstimate Effect,
    RequiredPresentValue Required,
    IReadOnlyList<CriticalWageRow> Rows,
    PresentValueBreakdown? Breakdown,
    IReadOnlyList<SensitivityCell> Sensitivity,
    IReadOnlyList<BreakEvenEffect> BreakEven)
{
    public static CriticalWageAnalysis Run(CostBenefitInputs inputs, EffectEstimate effect, IReadOnlyList<int>? horizons = null)
    {
        var model = inputs.Model;
        var years = horizons ?? inputs.Horizons;
        var positive = effect.Estimate > 0;
        var rows = years.Select(t => new CriticalWageRow(t,
            positive ? model.CriticalWage(t, effect.Estimate) : double.NaN,
            effect.HasInterval ? model.Interval(t, effect.Estimate, effect.Lower!.Value, effect.Upper!.Value) : null)).ToList();
        // The report evaluates Table 22 at the critical wage rounded to the krone.
        var breakdown = positive && rows.Count > 0 ? model.Breakdown(rows[0].Years, Math.Round(rows[0].CriticalWage), effect.Estimate) : null;
        var sensitivity = positive
            ? (from t in inputs.SensitivityDurations
               from r in inputs.SensitivityDiscountRates
               select new SensitivityCell(t, r, model.WithDiscountRate(r).CriticalWage(t, effect.Estimate))).ToList()
            : [];
        var breakEven = (from w in inputs.BreakEvenWages
                         from t in years
                         select new BreakEvenEffect(w, t, model.BreakEvenEffect(t, w))).ToList();
        return new CriticalWageAnalysis(inputs, effect, inputs.RequiredPresentValue, rows, breakdown, sensitivity, breakEven);
    }

    /// <summary>Explanations a reader needs for rows that are not ordinary wages (English).</summary>
    public IReadOnlyList<string> Notes => [.. Explanations().Select(n => n.English)];

    /// <summary>The same explanations in the report's language.</summary>
    public IReadOnlyList<string> NotesIn(Report.ReportLocale l) => [.. Explanations().Select(n => l.Text(n.English, n.Norwegian))];

    private IEnumerable<(string English, string Norwegian)> Explanations()
    {
        var en = Report.ReportLocale.English;
        var nb = Report.ReportLocale.Norwegian;
        var negative = Rows.Where(r => r.CriticalWage < 0).Select(r => r.Years).ToArray();
        if (negative.Length > 0)
        {
            var p = Inputs.Parameters;
            var benefit = p.TaxFinancingCost * (1 - p.AverageTax) * p.DisabilityBenefit;
            string Years(Report.ReportLocale l) => string.Join(", ", negative.Select(t => l.Number(t, 0)));
            yield return (
                $"The critical wage is negative for {Years(en)} years: the saved tax cost of the benefits no longer paid (λ(1−b)V = {en.Number(benefit, 0)} NOK a year per newly employed person) already covers the required cost C/Δp, so any wage ≥ 0 breaks even. A negative value is not a wage anyone must earn.",
                $"Kritisk lønn er negativ for {Years(nb)} år: spart skattekostnad for trygd som ikke lenger utbetales (λ(1−b)V = {nb.Number(benefit, 0)} kr per år per nysysselsatt) dekker allerede nødvendig kostnad C/Δp, så enhver lønn ≥ 0 gir balanse. En negativ verdi er ikke en lønn noen må tjene.");
        }
        if (Inputs.WorkingLife is { } life)
        {
            var beyond = Rows.Select(r => r.Years).Concat(Inputs.SensitivityDurations).Where(t => t > life.Years).Distinct().Order().ToArray();
            if (beyond.Length > 0)
            {
                yield return (
                    $"Horizons of {string.Join(", ", beyond)} years lie beyond the participants' remaining working life ({life.Years} years: {life.Basis}). The net present value sums to retirement at most (seed 001 §6.1), so these rows assume an effect and a wage that last past retirement and are illustrations, not estimates.",
                    $"Horisonter på {string.Join(", ", beyond)} år ligger utover deltakernes gjenværende yrkesliv ({life.Years} år: {life.Basis}). Nåverdien summeres høyst til pensjonsalder (seed 001 §6.1), så disse radene forutsetter en effekt og en lønn som varer etter pensjonering; de er illustrasjoner, ikke estimater.");
            }
        }
    }
}
