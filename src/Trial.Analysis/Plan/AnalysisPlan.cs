namespace Trial.Analysis.Plan;

/// <summary>protocol/&lt;trial&gt;/analysis-plan.yaml, validated. <see cref="Sha256"/> is the hash of the file's bytes.</summary>
public sealed record AnalysisPlan(
    string File,
    string Sha256,
    string Trial,
    string Version,
    string Title,
    string TreatmentArm,
    string ControlArm,
    IReadOnlyDictionary<string, PopulationDefinition> Populations,
    IReadOnlyDictionary<string, CovariateDefinition> Covariates,
    IReadOnlyDictionary<string, RegisterOutcomeDefinition> RegisterOutcomes,
    IReadOnlyDictionary<string, QuestionnaireOutcomeDefinition> QuestionnaireOutcomes,
    IReadOnlyDictionary<string, InferenceChoice> Inference,
    IReadOnlyList<PlannedAnalysis> Analyses,
    CostBenefitLink? CostBenefit,
    IReadOnlyList<Deviation> Deviations);
