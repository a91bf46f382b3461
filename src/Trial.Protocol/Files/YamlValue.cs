using System.Globalization;
using NodaTime;
using NodaTime.Text;
using YamlDotNet.RepresentationModel;

namespace Trial.Protocol.Files;

/// <summary>
/// A value in a protocol YAML file that knows its file, its path and its line, so every rule it checks fails with a
/// <see cref="ProtocolFileError"/> in the one path format. The one YAML reader of the project: protocol.yaml,
/// followup.yaml, instruments, the analysis plan, cost-benefit inputs and the package contract are all read with it.
/// </summary>
public sealed class YamlValue
{
    private readonly YamlNode node;

    private YamlValue(string file, string path, YamlNode node)
    {
        File = file;
        Path = path;
        this.node = node;
    }

    /// <summary>The file as named in errors (e.g. <c>protocol.yaml</c>, <c>instruments/hads.yaml</c>).</summary>
    public string File { get; }

    /// <summary>The path in the file: <c>$</c>, <c>$.arms[1].code</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the value in the file.</summary>
    public int Line => (int)node.Start.Line;

    /// <summary>Reads and parses a file; <paramref name="name"/> is how errors call it (default: the file name).</summary>
    public static YamlValue Load(string path, string? name = null)
    {
        name ??= System.IO.Path.GetFileName(path);
        if (!System.IO.File.Exists(path))
        {
            throw new ProtocolFileException(new ProtocolFileError(name, "$", null, $"the file does not exist ({path})"));
        }
        return Parse(name, System.IO.File.ReadAllText(path));
    }

    /// <summary>Parses YAML text holding exactly one document; a syntax error is reported with its line.</summary>
    public static YamlValue Parse(string name, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new ProtocolFileException(new ProtocolFileError(name, "$", (int)e.Start.Line, $"not valid YAML: {reason}"));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (not a YamlException) for some unterminated flow collections, e.g. "a: [b".
            throw new ProtocolFileException(new ProtocolFileError(name, "$", null, $"not valid YAML: {e.Message}"));
        }
        return stream.Documents.Count == 1
            ? new YamlValue(name, "$", stream.Documents[0].RootNode)
            : throw new ProtocolFileException(new ProtocolFileError(name, "$", null, "must hold exactly one YAML document"));
    }

    public ProtocolFileError ErrorAt(string rule) => new(File, Path, Line, rule);

    public ProtocolFileException Fail(string rule) => new(ErrorAt(rule));

    public bool IsMapping => node is YamlMappingNode;

    public bool IsList => node is YamlSequenceNode;

    public bool Has(string key) => Mapping().Children.ContainsKey(new YamlScalarNode(key));

    public YamlValue Child(string key) =>
        Optional(key) ?? throw new ProtocolFileException(new ProtocolFileError(File, $"{Path}.{key}", Line, "is required"));

    public YamlValue? Optional(string key) =>
        Mapping().Children.TryGetValue(new YamlScalarNode(key), out var child) ? new YamlValue(File, $"{Path}.{key}", child) : null;

    /// <summary>The keys of a mapping, in file order.</summary>
    public IReadOnlyList<string> Keys() => Mapping().Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToList();

    /// <summary>The entries of a mapping, in file order.</summary>
    public IReadOnlyList<(string Key, YamlValue Value)> Entries() =>
        Mapping().Children.Select(kv => (Key: ((YamlScalarNode)kv.Key).Value ?? "", Value: new YamlValue(File, $"{Path}.{((YamlScalarNode)kv.Key).Value}", kv.Value))).ToList();

    /// <summary>
    /// Refuses keys the reader does not know, so a misspelt key is an error rather than silently ignored. Returns the
    /// value, so a reader can chain it.
    /// </summary>
    public YamlValue OnlyKeys(params string[] known)
    {
        foreach (var (key, value) in Entries().Where(e => !known.Contains(e.Key, StringComparer.Ordinal)))
        {
            throw value.Fail($"unknown key '{key}' (known: {string.Join(", ", known)})");
        }
        return this;
    }

    public IReadOnlyList<YamlValue> Items() =>
        node is YamlSequenceNode list
            ? list.Children.Select((c, i) => new YamlValue(File, $"{Path}[{i.ToString(CultureInfo.InvariantCulture)}]", c)).ToList()
            : throw Fail("must be a list");

    public string Text() =>
        node is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value) ? value : throw Fail("must be a non-empty text value");

    public string? OptionalText(string key) => Optional(key)?.Text();

    public IReadOnlyList<string> Texts() => Items().Select(i => i.Text()).ToList();

    public double Number()
    {
        var text = Text();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Fail($"'{text}' is not a number (use a decimal point)");
    }

    public double Number(double min, double max)
    {
        var value = Number();
        return value >= min && value <= max
            ? value
            : throw Fail($"{value.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    public decimal Decimal()
    {
        var text = Text();
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Fail($"'{text}' is not a number (use a decimal point)");
    }

    public int Integer(int min = int.MinValue, int max = int.MaxValue)
    {
        var text = Text();
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Fail($"'{text}' is not a whole number");
        }
        return value >= min && value <= max
            ? value
            : throw Fail($"{value.ToString(CultureInfo.InvariantCulture)} is outside [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
    }

    public bool Boolean() => Text() switch
    {
        "true" => true,
        "false" => false,
        var t => throw Fail($"'{t}' is not true or false"),
    };

    public LocalDate Date()
    {
        var text = Text();
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw Fail($"'{text}' is not a yyyy-MM-dd date");
    }

    public Period Period()
    {
        var text = Text();
        var result = PeriodPattern.Roundtrip.Parse(text);
        return result.Success ? result.Value : throw Fail($"'{text}' is not an ISO 8601 period (e.g. P6M, P2W)");
    }

    public T Enum<T>(IReadOnlyDictionary<string, T> allowed)
    {
        var text = Text();
        return allowed.TryGetValue(text, out var value) ? value : throw Fail($"'{text}' is not one of: {string.Join(", ", allowed.Keys)}");
    }

    /// <summary>A text in both languages every reader of the trial uses: a mapping with <c>nb-NO</c> and <c>en</c>.</summary>
    public LocalisedText Localised()
    {
        // A misspelt or third language key ("nb", "nn-NO") would otherwise be ignored silently.
        OnlyKeys(LocalisedText.NorwegianTag, LocalisedText.EnglishTag);
        return new(Child(LocalisedText.NorwegianTag).Text(), Child(LocalisedText.EnglishTag).Text());
    }

    /// <summary>
    /// The value's content without comments, layout or quoting style, so two versions of a file can be compared key by key
    /// (a protocol amendment names the top-level keys that changed).
    /// </summary>
    public string Canonical() => Canonical(node);

    private static string Canonical(YamlNode value) => value switch
    {
        YamlScalarNode scalar => System.Text.Json.JsonSerializer.Serialize(scalar.Value),
        YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(Canonical)) + "]",
        YamlMappingNode map => "{" + string.Join(",", map.Children.Select(kv => Canonical(kv.Key) + ":" + Canonical(kv.Value))) + "}",
        _ => "",
    };

    private YamlMappingNode Mapping() => node as YamlMappingNode ?? throw Fail("must be a mapping of keys to values");
}
