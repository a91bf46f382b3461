using System.Globalization;

namespace Trial.Protocol.Files;

/// <summary>
/// One broken rule in a protocol or package file, in the one format every project prints:
/// <c>file: $.path (line N): rule</c>. <see cref="Path"/> is a YAML/JSON path (<c>$.arms[1].code</c>) or, for a CSV,
/// <c>column name</c>; <see cref="Line"/> is 1-based and absent when the rule concerns the whole file.
/// </summary>
public sealed record ProtocolFileError(string File, string Path, int? Line, string Rule)
{
    public override string ToString() =>
        Line is { } line ? $"{File}: {Path} (line {line.ToString(CultureInfo.InvariantCulture)}): {Rule}" : $"{File}: {Path}: {Rule}";
}
