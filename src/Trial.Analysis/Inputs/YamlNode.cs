using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Trial.Analysis.Inputs;

/// <summary>
/// A YAML node that knows its file and path, so every validation error can name both
/// (protocol files are data, validated on load: style-anchors §6).
/// </summary>
public sealed class YamlNode
{
    private readonly YamlDotNet.RepresentationModel.YamlNode node;

    private YamlNode(string file, string path, YamlDotNet.RepresentationModel.YamlNode node)
    {
        File = file;
        Path = path;
        this.node = node;
    }

    public string File { get; }

    public string Path { get; }

    /// <summary>Parses YAML text; a syntax error is reported with its line and column.</summary>
    public static YamlNode Parse(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InputRejectedException(file, $"line {e.Start.Line}, column {e.Start.Column}", $"not valid YAML ({e.Message})");
        }
        if (stream.Documents.Count != 1)
        {
            throw new InputRejectedException(file, "$", "expected exactly one YAML document");
        }
        return new YamlNode(file, "$", stream.Documents[0].RootNode);
    }

    public InputRejectedException Error(string rule) =>
        new(File, $"{Path} (line {node.Start.Line})", rule);

    public bool Has(string key) => Mapping().Children.ContainsKey(new YamlScalarNode(key));

    public YamlNode Child(string key)
    {
        var map = Mapping();
        return map.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? new YamlNode(File, $"{Path}.{key}", child)
            : throw Error($"required key '{key}' is missing");
    }

    public YamlNode? Optional(string key)
    {
        var map = Mapping();
        return map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? new YamlNode(File, $"{Path}.{key}", child) : null;
    }

    /// <summary>
    /// Refuses keys this mapping does not define: a misspelt optional key would otherwise be ignored silently and its
    /// default used. Returns the node, so a reader can chain it.
    /// </summary>
    public YamlNode Only(params string[] known)
    {
        foreach (var (key, _) in Mapping().Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new InputRejectedException(File, $"{Path} (line {key.Start.Line})",
                    $"unknown key '{name}'; known keys here: {string.Join(", ", known)}");
            }
        }
        return this;
    }

    public IReadOnlyList<string> Keys() => Mapping().Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToList();

    public IReadOnlyList<YamlNode> Items() =>
        node is YamlSequenceNode seq
            ? seq.Children.Select((c, i) => new YamlNode(File, $"{Path}[{i}]", c)).ToList()
            : throw Error("must be a list");

    public string Text()
    {
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }
        throw Error("must be a non-empty text value");
    }

    public double Number()
    {
        var text = Text();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error($"'{text}' is not a number (use a decimal point)");
    }

    public double Number(double min, double max)
    {
        var value = Number();
        return value >= min && value <= max ? value : throw Error($"{value.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    public int Integer(int min, int max)
    {
        var text = Text();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw Error($"'{text}' is not a whole number");
        }
        return value >= min && value <= max ? value : throw Error($"{value} is outside [{min}, {max}]");
    }

    public bool Boolean() => Text() switch
    {
        "true" => true,
        "false" => false,
        var t => throw Error($"'{t}' is not true or false"),
    };

    public T Enum<T>(IReadOnlyDictionary<string, T> allowed)
    {
        var text = Text();
        return allowed.TryGetValue(text, out var value) ? value : throw Error($"'{text}' is not one of: {string.Join(", ", allowed.Keys)}");
    }

    private YamlMappingNode Mapping() => node as YamlMappingNode ?? throw Error("must be a mapping of keys to values");
}
