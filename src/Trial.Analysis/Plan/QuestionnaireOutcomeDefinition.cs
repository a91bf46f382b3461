namespace Trial.Analysis.Plan;

/// <summary>A questionnaire scale from responses_scores.csv and its valid range.</summary>
public sealed record QuestionnaireOutcomeDefinition(string Id, string Label, string Instrument, string Scale, double Min, double Max)
{
    /// <summary>The label in Norwegian bokmål (label_nb), for the nb-NO report.</summary>
    public string LabelNorwegian { get; init; } = Label;

    /// <summary>The label in the report's language.</summary>
    public string LabelIn(bool norwegian) => norwegian ? LabelNorwegian : Label;
}
