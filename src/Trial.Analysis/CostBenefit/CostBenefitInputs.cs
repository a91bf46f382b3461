namespace Trial.Analysis.CostBenefit;

/// <summary>protocol/&lt;trial&gt;/cost-benefit.yaml, validated.</summary>
public sealed record CostBenefitInputs(
    string Trial,
    string Version,
    CostBenefitParameters Parameters,
    double Effect,
    string EffectSource,
    CostTable Costs,
    IReadOnlyList<int> Horizons,
    IReadOnlyList<int> SensitivityDurations,
    IReadOnlyList<double> SensitivityDiscountRates,
    IReadOnlyList<double> BreakEvenWages,
    WorkingLife? WorkingLife = null)
{
    public RequiredPresentValue RequiredPresentValue => RequiredPresentValue.From(Costs, Parameters);

    public CriticalWageModel Model => new(Parameters, RequiredPresentValue.Used);
}
