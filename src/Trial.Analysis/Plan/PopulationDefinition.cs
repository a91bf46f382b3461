namespace Trial.Analysis.Plan;

public sealed record PopulationDefinition(string Id, string Label, PopulationRule Rule, int MinimumAge)
{
    /// <summary>The label in Norwegian bokmål (label_nb), for the nb-NO report.</summary>
    public string LabelNorwegian { get; init; } = Label;

    /// <summary>The label in the report's language.</summary>
    public string LabelIn(bool norwegian) => norwegian ? LabelNorwegian : Label;
}
