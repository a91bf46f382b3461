namespace Trial.Followup.Instruments;

/// <summary>A questionnaire instrument loaded from protocol/&lt;trial&gt;/instruments/&lt;code&gt;.yaml.</summary>
public sealed record InstrumentDefinition(
    string Code,
    string Version,
    LocalisedText Title,
    LocalisedText? Instructions,
    string Reference,
    InstrumentTextSource TextSource,
    IReadOnlyList<ItemDefinition> Items,
    IReadOnlyList<ScaleDefinition> Scales)
{
    public ItemDefinition? FindItem(string code) => Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));
}
