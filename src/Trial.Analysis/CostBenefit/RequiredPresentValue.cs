namespace Trial.Analysis.CostBenefit;

/// <summary>Table 21: the present value per IPS participant that the employment gain must cover.</summary>
/// <param name="Operating">One year's operating cost × (1+λ) / participants.</param>
/// <param name="NavMeasures">Saved NAV-measure costs (negative), as documented.</param>
/// <param name="OneOff">Start-up costs × (1+λ) / participants.</param>
/// <param name="Derived">Sum of the three lines.</param>
/// <param name="AsReported">The report's unrounded total, when the inputs give it.</param>
public sealed record RequiredPresentValue(double Operating, double NavMeasures, double OneOff, double Derived, double? AsReported)
{
    /// <summary>The amount the critical wage must cover: the reported total when given, else the derived one.</summary>
    public double Used => AsReported ?? Derived;

    public string UsedSource => AsReported is null ? "derived from Table 20" : "as reported (unrounded Table 21 total)";

    public static RequiredPresentValue From(CostTable costs, CostBenefitParameters parameters)
    {
        var factor = (1 + parameters.TaxFinancingCost) / costs.Participants;
        var operating = costs.AnnualOperatingCost * factor;
        var oneOff = costs.OneOff * factor;
        return new RequiredPresentValue(operating, costs.NavMeasureSavingPerParticipant, oneOff,
            operating + costs.NavMeasureSavingPerParticipant + oneOff, costs.RequiredPvAsReported);
    }
}
