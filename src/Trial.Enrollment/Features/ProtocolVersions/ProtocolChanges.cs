using System.Text.Json;
using Trial.Protocol.Hashing;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.ProtocolVersions;

/// <summary>Names what changed between a recorded protocol version and the folder on disk: files, and protocol.yaml's top-level keys.</summary>
internal static class ProtocolChanges
{
    public static Dictionary<string, string> FileHashes(string directory) =>
        ProtocolHash.HashedFiles(directory).ToDictionary(f => f, f => FileSha256.Of(File.ReadAllBytes(Path.Combine(directory, f))), StringComparer.Ordinal);

    public static IReadOnlyList<(string File, string Path)> Between(ProtocolVersionRecord recorded, string directory)
    {
        var before = JsonSerializer.Deserialize<Dictionary<string, string>>(recorded.Files) ?? [];
        var now = FileHashes(directory);
        var changes = new List<(string, string)>();
        foreach (var file in before.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            if (before.GetValueOrDefault(file) == now.GetValueOrDefault(file))
            {
                continue;
            }
            if (file == "protocol.yaml" && now.ContainsKey(file) && before.ContainsKey(file))
            {
                changes.AddRange(TopLevelKeys(recorded.ProtocolYaml, File.ReadAllText(Path.Combine(directory, file))).Select(k => (file, "$." + k)));
            }
            else
            {
                changes.Add((file, before.ContainsKey(file) ? now.ContainsKey(file) ? "$" : "(removed)" : "(added)"));
            }
        }
        return changes;
    }

    private static IEnumerable<string> TopLevelKeys(string before, string after)
    {
        var a = Entries(YamlValue.Parse("protocol.yaml", before));
        var b = Entries(YamlValue.Parse("protocol.yaml", after));
        var keys = a.Keys.Union(b.Keys).Where(k => a.GetValueOrDefault(k) != b.GetValueOrDefault(k)).ToList();
        // Only comments or layout changed: the file still differs, so name it whole.
        return keys.Count > 0 ? keys : ["(comments or layout)"];
    }

    private static Dictionary<string, string> Entries(YamlValue root) =>
        root.IsMapping ? root.Entries().ToDictionary(e => e.Key, e => e.Value.Canonical(), StringComparer.Ordinal) : [];
}
