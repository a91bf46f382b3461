namespace Trial.Followup.Instruments;

/// <summary>One question. For choice items Minimum/Maximum are the lowest and highest option values.</summary>
public sealed record ItemDefinition(
    string Code,
    LocalisedText Text,
    ItemResponseKind Kind,
    IReadOnlyList<ResponseOption> Options,
    int Minimum,
    int Maximum,
    ItemRequirement Requirement,
    LocalisedText? MinimumLabel,
    LocalisedText? MaximumLabel)
{
    /// <summary>Why a value is not an acceptable answer, or null when it is.</summary>
    public string? Reject(int value) => Kind switch
    {
        ItemResponseKind.Choice when Options.All(o => o.Value != value) =>
            $"value {value} is not one of the options ({string.Join(", ", Options.Select(o => o.Value))})",
        ItemResponseKind.Integer when value < Minimum || value > Maximum => $"value {value} is outside {Minimum}–{Maximum}",
        _ => null,
    };
}
