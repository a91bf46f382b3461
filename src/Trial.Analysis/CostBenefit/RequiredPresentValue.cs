namespace Trial.Analysis.CostBenefit;

/// <summary>Table 21: the present value per IPS participant that the employment gain must cover.</summary>
/// <param name="Operating">One year's operating cost × (1+λ) / participants.</param>
/// <param name="NavMeasures">Saved NAV-measure costs (negative), as documented.</param>
/// <param name="OneOff">Start-up costs × (1+λ) / participants.</param>
/// <param name="Derived">Sum of the three lines.</param>
/// <param name="CalibratedToTable23">The total back-solved from Table 23's critical wages, when the inputs give it.</param>
public sealed record RequiredPresentValue(double Operating, double NavMeasures, double OneOff, double Derived, double? CalibratedToTable23)
{
    /// <summary>The amount the critical wage must cover: the calibrated total when given, else the derived one.</summary>
    public double Used => CalibratedToTable23 ?? Derived;

    public string UsedSource => CalibratedToTable23 is null ? "derived from Table 20" : "calibrated to Table 23 (back-solved, not printed in the report)";

    public string UsedSourceNb => CalibratedToTable23 is null ? "utledet fra tabell 20" : "kalibrert til tabell 23 (tilbakeregnet, ikke trykt i rapporten)";

    public static RequiredPresentValue From(CostTable costs, CostBenefitParameters parameters)
    {
        var factor = (1 + parameters.TaxFinancingCost) / costs.Participants;
        var operating = costs.AnnualOperatingCost * factor;
        var oneOff = costs.OneOff * factor;
        return new RequiredPresentValue(operating, costs.NavMeasureSavingPerParticipant, oneOff,
            operating + costs.NavMeasureSavingPerParticipant + oneOff, costs.RequiredPvCalibratedToTable23);
    }
}
