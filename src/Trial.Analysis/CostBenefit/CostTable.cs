namespace Trial.Analysis.CostBenefit;

/// <summary>
/// Table 20 for the costing year plus the per-participant normalisation of Table 21.
/// </summary>
/// <param name="Year">The costing year (the report uses 2014).</param>
/// <param name="Items">Table 20 lines in NOK.</param>
/// <param name="Participants">Divisor: IPS participants with register data (227).</param>
/// <param name="NavMeasureSavingPerParticipant">Table 21's present value of saved NAV-measure costs (negative).</param>
/// <param name="RequiredPvCalibratedToTable23">
/// A Table 21 total back-solved so that X*(2..5) reproduce Table 23 to the krone (calibrated, not printed in the
/// report); when given it overrides the total derived from Table 20.
/// </param>
public sealed record CostTable(
    int Year,
    IReadOnlyList<CostItem> Items,
    int Participants,
    double NavMeasureSavingPerParticipant,
    double? RequiredPvCalibratedToTable23)
{
    public double Subtotal => Items.Where(i => i.Kind != CostItemKind.Deduction).Sum(i => i.Amount);

    public double OneOff => Items.Where(i => i.Kind == CostItemKind.OneOff).Sum(i => i.Amount);

    /// <summary>Annual operating cost: subtotal minus one-off items minus deductions (Table 20's last line).</summary>
    public double AnnualOperatingCost => Subtotal - OneOff + Items.Where(i => i.Kind == CostItemKind.Deduction).Sum(i => i.Amount);
}
