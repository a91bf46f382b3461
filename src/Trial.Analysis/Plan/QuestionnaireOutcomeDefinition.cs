namespace Trial.Analysis.Plan;

/// <summary>A questionnaire scale from responses_scores.csv and its valid range.</summary>
public sealed record QuestionnaireOutcomeDefinition(string Id, string Label, string Instrument, string Scale, double Min, double Max);
