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
    IReadOnlyList<Deviation> Deviations)
{
    /// <summary>The plan's title in Norwegian bokmål (title_nb), for the nb-NO report.</summary>
    public string TitleNorwegian { get; init; } = Title;

    /// <summary>The title in the report's language.</summary>
    public string TitleIn(bool norwegian) => norwegian ? TitleNorwegian : Title;

    /// <summary>Extra register-extract columns the plan declares (register_columns), by name.</summary>
    public IReadOnlyDictionary<string, RegisterColumnDefinition> RegisterColumns { get; init; } = new Dictionary<string, RegisterColumnDefinition>(StringComparer.Ordinal);

    /// <summary>What the register-extract reader needs: each declared extra column's kind.</summary>
    public IReadOnlyDictionary<string, Register.RegisterColumnKind> RegisterColumnKinds() =>
        RegisterColumns.ToDictionary(c => c.Key, c => c.Value.Kind, StringComparer.Ordinal);
}
