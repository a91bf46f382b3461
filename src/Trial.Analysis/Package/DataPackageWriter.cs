using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Trial.Analysis.Package;

/// <summary>
/// Writes a data package (protocol/data-package.md): the CSV files and a manifest with each file's SHA-256 and
/// row count. Used by `simulate`; Enrollment writes real packages in the same format.
/// </summary>
public static class DataPackageWriter
{
    public static void Write(string folder, string trial, Instant createdAt, string lockedBy, string protocolVersion,
        string protocolSha256, IReadOnlyList<CsvTable> tables)
    {
        Directory.CreateDirectory(folder);
        var files = new JsonArray();
        foreach (var table in tables)
        {
            var bytes = table.ToBytes();
            File.WriteAllBytes(Path.Combine(folder, table.Name), bytes);
            files.Add(new JsonObject { ["name"] = table.Name, ["rows"] = table.Rows.Count, ["sha256"] = Sha256(bytes) });
        }
        var manifest = new JsonObject
        {
            ["format"] = "trial-data-package",
            ["formatVersion"] = 1,
            ["trial"] = trial,
            ["createdAt"] = InstantPattern.ExtendedIso.Format(createdAt),
            ["lockedBy"] = lockedBy,
            ["protocol"] = new JsonObject { ["version"] = protocolVersion, ["sha256"] = protocolSha256 },
            ["files"] = files,
        };
        var json = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), new UTF8Encoding(false).GetBytes(json));
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
