using NodaTime;

namespace Trial.Analysis.Plan;

/// <summary>One analysis of the plan. Fields that a kind does not use are empty.</summary>
public sealed record PlannedAnalysis(
    string Id,
    AnalysisKind Kind,
    string Title,
    int? SeedTable,
    PopulationDefinition Population,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<InferenceChoice> Inference,
    IReadOnlyList<CovariateDefinition> Controls,
    EventWindow? Window,
    EventWindow? Before,
    EventWindow? After,
    IReadOnlyList<int> Months,
    CovariateDefinition? By,
    IReadOnlyList<InferenceChoice> SeparateInference,
    LocalDate? EarlyBefore,
    IReadOnlyList<string> Occasions,
    IReadOnlyList<string> Categorical,
    int Reference,
    string YamlPath)
{
    /// <summary>Baseline scores (questionnaire outcome ids) in an ipw analysis's response model, besides its controls.</summary>
    public IReadOnlyList<string> ResponseScores { get; init; } = [];

    /// <summary>The settings of a multiple-imputation analysis.</summary>
    public MissingData.ImputationSettings? Imputation { get; init; }

    /// <summary>"Table 8: …" when the analysis reproduces a seed table, else the title.</summary>
    /// <summary>The title in Norwegian bokmål (title_nb), for the nb-NO report.</summary>
    public string TitleNorwegian { get; init; } = Title;

    /// <summary>Whether <see cref="Heading"/> is written in Norwegian (set when the analysis is put in the report's language).</summary>
    public bool NorwegianHeading { get; init; }

    public string Heading => SeedTable is { } t ? $"{Title} (seed 001 {(NorwegianHeading ? "tabell" : "Table")} {t})" : Title;
}
