using YamlDotNet.RepresentationModel;

namespace Trial.Followup.Instruments;

/// <summary>Reads typed values out of a YAML document and reports failures with the file and the path in it.</summary>
internal sealed class YamlFileReader(string file)
{
    public string File { get; } = file;

    public static (YamlFileReader Reader, YamlMappingNode Root) Open(string path)
    {
        var reader = new YamlFileReader(Path.GetFileName(path));
        var stream = new YamlStream();
        try
        {
            using var text = new StreamReader(path);
            stream.Load(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw reader.Fail("$", $"is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}");
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw reader.Fail("$", "must hold exactly one YAML mapping");
        }
        return (reader, root);
    }

    public InstrumentFileException Fail(string path, string rule) => new(File, path, rule);

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlNode Required(YamlMappingNode map, string path, string key) =>
        Optional(map, key) ?? throw Fail($"{path}.{key}", "is required");

    public string String(YamlMappingNode map, string path, string key)
    {
        var node = Required(map, path, key);
        return node is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw Fail($"{path}.{key}", "must be a non-empty text");
    }

    public string? OptionalString(YamlMappingNode map, string path, string key) =>
        Optional(map, key) is null ? null : String(map, path, key);

    public int Int(YamlMappingNode map, string path, string key) => Int(Required(map, path, key), $"{path}.{key}");

    public int Int(YamlNode node, string path) =>
        node is YamlScalarNode { Value: { } text } && int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail(path, "must be a whole number");

    public decimal Decimal(YamlMappingNode map, string path, string key)
    {
        var node = Required(map, path, key);
        return node is YamlScalarNode { Value: { } text } && decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail($"{path}.{key}", "must be a number");
    }

    public YamlMappingNode Map(YamlNode node, string path) => node as YamlMappingNode ?? throw Fail(path, "must be a mapping");

    public YamlMappingNode Map(YamlMappingNode map, string path, string key) => Map(Required(map, path, key), $"{path}.{key}");

    public YamlSequenceNode Sequence(YamlNode node, string path) => node as YamlSequenceNode ?? throw Fail(path, "must be a list");

    public YamlSequenceNode Sequence(YamlMappingNode map, string path, string key) => Sequence(Required(map, path, key), $"{path}.{key}");

    public IReadOnlyList<string> Codes(YamlMappingNode map, string path, string key)
    {
        var list = Sequence(map, path, key);
        return list.Children.Select((node, i) => node is YamlScalarNode { Value: { Length: > 0 } v } ? v : throw Fail($"{path}.{key}[{i}]", "must be a code")).ToList();
    }

    /// <summary>A mapping with both "nb-NO" and "en" texts.</summary>
    public LocalisedText Text(YamlNode node, string path)
    {
        var map = Map(node, path);
        return new LocalisedText(String(map, path, TextLanguages.NbNoTag), String(map, path, TextLanguages.EnTag));
    }

    public LocalisedText Text(YamlMappingNode map, string path, string key) => Text(Required(map, path, key), $"{path}.{key}");

    public LocalisedText? OptionalText(YamlMappingNode map, string path, string key) =>
        Optional(map, key) is { } node ? Text(node, $"{path}.{key}") : null;

    public void Expect(YamlMappingNode map, string path, string key, string expected)
    {
        var actual = String(map, path, key);
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw Fail($"{path}.{key}", $"must be '{expected}', found '{actual}'");
        }
    }
}
