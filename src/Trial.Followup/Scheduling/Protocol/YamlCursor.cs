using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>A position in the YAML tree that knows its path, so every error can say where it is.</summary>
internal sealed class YamlCursor(string file, string path, YamlNode node)
{
    public string File { get; } = file;

    public string Path { get; } = path;

    public YamlNode Node { get; } = node;

    public FollowupProtocolException Error(string rule) =>
        new(File, Path, $"{rule} (line {Node.Start.Line.ToString(CultureInfo.InvariantCulture)})");

    public YamlCursor Required(string key)
    {
        var mapping = Node as YamlMappingNode ?? throw Error("must be a mapping");
        return mapping.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? new YamlCursor(File, Join(key), child)
            : throw new FollowupProtocolException(File, Join(key), "is required");
    }

    public YamlCursor? Optional(string key)
    {
        var mapping = Node as YamlMappingNode ?? throw Error("must be a mapping");
        return mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? new YamlCursor(File, Join(key), child) : null;
    }

    public IReadOnlyList<YamlCursor> Items()
    {
        var sequence = Node as YamlSequenceNode ?? throw Error("must be a list");
        return sequence.Children.Select((child, i) => new YamlCursor(File, $"{Path}[{i.ToString(CultureInfo.InvariantCulture)}]", child)).ToList();
    }

    public IReadOnlyList<string> Keys()
    {
        var mapping = Node as YamlMappingNode ?? throw Error("must be a mapping");
        return mapping.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "").ToList();
    }

    public string Text()
    {
        var scalar = Node as YamlScalarNode ?? throw Error("must be a single value");
        return string.IsNullOrWhiteSpace(scalar.Value) ? throw Error("must not be empty") : scalar.Value;
    }

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";
}
