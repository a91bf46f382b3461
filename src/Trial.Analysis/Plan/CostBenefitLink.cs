namespace Trial.Analysis.Plan;

/// <summary>Where the cost-benefit inputs are and which fitted estimate supplies the employment effect Δp.</summary>
public sealed record CostBenefitLink(string InputsPath, string Analysis, string Outcome, InferenceChoice Inference);
