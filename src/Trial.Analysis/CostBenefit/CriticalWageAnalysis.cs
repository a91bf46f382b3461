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
}
