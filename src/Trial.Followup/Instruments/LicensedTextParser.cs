using Trial.Protocol.Files;

namespace Trial.Followup.Instruments;

/// <summary>
/// Applies a trial-supplied licensed wording file (format trial-instrument-text) to an instrument whose protocol file
/// carries placeholders. Every item must be covered, with one label per option in the structure's order.
/// </summary>
internal static class LicensedTextParser
{
    public const string Format = "trial-instrument-text";

    public static InstrumentDefinition Apply(InstrumentDefinition instrument, string path)
    {
        var root = YamlValue.Load(path);
        root.ExpectFormat(Format);
        root.Expect("instrument", instrument.Code);
        if (instrument.TextSource != InstrumentTextSource.LicensedPlaceholder)
        {
            throw root.Child("instrument").Fail($"instrument '{instrument.Code}' is not declared as licensed-placeholder in the protocol");
        }
        var itemsMap = root.Child("items");
        foreach (var (code, node) in itemsMap.Entries())
        {
            if (instrument.FindItem(code) is null)
            {
                throw node.Fail($"instrument '{instrument.Code}' has no item '{code}'");
            }
        }
        var items = instrument.Items.Select(item =>
        {
            var entry = itemsMap.Optional(item.Code) 
                ?? throw new ProtocolFileException(new ProtocolFileError(itemsMap.File, $"{itemsMap.Path}.{item.Code}", itemsMap.Line, "is required: every item needs its licensed text"));
            var text = entry.Child("text").Wording();
            if (item.Kind != ItemResponseKind.Choice)
            {
                return item with { Text = text };
            }
            var labels = entry.Child("options");
            var listed = labels.Items();
            if (listed.Count != item.Options.Count)
            {
                throw labels.Fail($"must list {item.Options.Count} labels, one per option in the protocol's order");
            }
            var options = item.Options.Select((o, i) => o with { Label = listed[i].Wording() }).ToList();
            return item with { Text = text, Options = options };
        }).ToList();
        return instrument with
        {
            Items = items,
            TextSource = InstrumentTextSource.LicensedSupplied,
            Instructions = root.OptionalWording("instructions") ?? instrument.Instructions,
        };
    }
}
