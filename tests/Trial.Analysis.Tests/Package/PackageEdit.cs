using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trial.Analysis.Tests.Package;

/// <summary>Edits a private copy of the simulated package the way a re-export would: files changed, manifest rewritten.</summary>
internal static class PackageEdit
{
    /// <summary>Rewrites a file of the package and lists every package CSV (not register.csv) in a recomputed manifest.</summary>
    public static void Write(string folder, string file, IEnumerable<string> lines)
    {
        File.WriteAllText(Path.Combine(folder, file), string.Join("", lines.Select(l => l + "\n")));
        Reseal(folder);
    }

    public static void Reseal(string folder)
    {
        var path = Path.Combine(folder, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var files = new JsonArray();
        foreach (var csv in Directory.GetFiles(folder, "*.csv").Where(f => Path.GetFileName(f) != "register.csv").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(csv);
            files.Add(new JsonObject
            {
                ["name"] = Path.GetFileName(csv),
                ["rows"] = File.ReadAllLines(csv).Length - 1,
                ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            });
        }
        manifest["files"] = files;
        File.WriteAllText(path, manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
