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
        var (reader, root) = YamlFileReader.Open(path);
        reader.Expect(root, "$", "format", Format);
        if (reader.Int(root, "$", "formatVersion") != 1)
        {
            throw reader.Fail("$.formatVersion", "must be 1");
        }
        reader.Expect(root, "$", "instrument", instrument.Code);
        if (instrument.TextSource != InstrumentTextSource.LicensedPlaceholder)
        {
            throw reader.Fail("$.instrument", $"instrument '{instrument.Code}' is not declared as licensed-placeholder in the protocol");
        }
        var itemsMap = reader.Map(root, "$", "items");
        foreach (var key in itemsMap.Children.Keys)
        {
            var code = key.ToString();
            if (instrument.FindItem(code) is null)
            {
                throw reader.Fail($"$.items.{code}", $"instrument '{instrument.Code}' has no item '{code}'");
            }
        }
        var items = instrument.Items.Select(item =>
        {
            var p = $"$.items.{item.Code}";
            var map = reader.Map(reader.Optional(itemsMap, item.Code) ?? throw reader.Fail(p, "is required: every item needs its licensed text"), p);
            var text = reader.Text(map, p, "text");
            if (item.Kind != ItemResponseKind.Choice)
            {
                return item with { Text = text };
            }
            var labels = reader.Sequence(map, p, "options");
            if (labels.Children.Count != item.Options.Count)
            {
                throw reader.Fail($"{p}.options", $"must list {item.Options.Count} labels, one per option in the protocol's order");
            }
            var options = item.Options.Select((o, i) => o with { Label = reader.Text(labels.Children[i], $"{p}.options[{i}]") }).ToList();
            return item with { Text = text, Options = options };
        }).ToList();
        return instrument with
        {
            Items = items,
            TextSource = InstrumentTextSource.LicensedSupplied,
            Instructions = reader.OptionalText(root, "$", "instructions") ?? instrument.Instructions,
        };
    }
}
