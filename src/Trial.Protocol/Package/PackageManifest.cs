using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Trial.Protocol.Files;

namespace Trial.Protocol.Package;

/// <summary>manifest.json of a data package (protocol/data-package.md): what was locked, by whom, and every file's hash.</summary>
/// <param name="LockedBy">Who or what locked the package: a user name, or e.g. "simulate" for simulated data.</param>
public sealed record PackageManifest(
    string Format,
    int FormatVersion,
    string Trial,
    string CreatedAt,
    string LockedBy,
    ManifestProtocol Protocol,
    IReadOnlyList<ManifestFile> Files,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? AuditHead = null)
{
    public const string FileName = "manifest.json";
    public const string FormatName = "trial-data-package";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static PackageManifest Create(string trial, string createdAt, string lockedBy, ManifestProtocol protocol, IReadOnlyList<ManifestFile> files) =>
        new(FormatName, CurrentVersion, trial, createdAt, lockedBy, protocol, files);

    /// <summary>Writes manifest.json (UTF-8 without BOM, final newline) and returns its bytes, whose SHA-256 is the package hash.</summary>
    public async Task<byte[]> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        var bytes = new UTF8Encoding(false).GetBytes(JsonSerializer.Serialize(this, Json) + "\n");
        await System.IO.File.WriteAllBytesAsync(Path.Combine(folder, FileName), bytes, cancellationToken);
        return bytes;
    }

    /// <summary>Parses manifest.json; a broken rule names its JSON path.</summary>
    public static PackageManifest Parse(byte[] bytes)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(bytes) as JsonObject ?? throw Fail("$", null, "must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Fail("$", (int?)e.LineNumber + 1, $"not valid JSON ({e.Message})");
        }
        var format = Text(root, "$", "format");
        if (format != FormatName)
        {
            throw Fail("$.format", null, $"must be '{FormatName}'");
        }
        if (root["formatVersion"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != CurrentVersion)
        {
            throw Fail("$.formatVersion", null, $"this reader understands format version {CurrentVersion}");
        }
        var protocol = root["protocol"] as JsonObject ?? throw Fail("$.protocol", null, "must be an object with version and sha256");
        var files = root["files"] as JsonArray ?? throw Fail("$.files", null, "must be a list of files");
        var list = new List<ManifestFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var path = $"$.files[{i}]";
            var entry = files[i] as JsonObject ?? throw Fail(path, null, "must be an object with name, rows and sha256");
            var rows = entry["rows"] is JsonValue r && r.TryGetValue<int>(out var n) && n >= 0 ? n : throw Fail($"{path}.rows", null, "must be a whole number, 0 or more");
            var name = Text(entry, path, "name");
            if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('.'))
            {
                throw Fail($"{path}.name", null, $"'{name}' must be a plain file name inside the package");
            }
            list.Add(new ManifestFile(name, rows, Text(entry, path, "sha256")));
        }
        foreach (var duplicate in list.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            throw Fail("$.files", null, $"'{duplicate.Key}' is listed twice");
        }
        return new PackageManifest(format, version, Text(root, "$", "trial"), Text(root, "$", "createdAt"), Text(root, "$", "lockedBy"),
            new ManifestProtocol(Text(protocol, "$.protocol", "version"), Text(protocol, "$.protocol", "sha256")), list,
            root["auditHead"] is JsonValue head && head.TryGetValue<string>(out var h) ? h : null);
    }

    private static string Text(JsonObject o, string path, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw Fail($"{path}.{key}", null, "must be a non-empty string");

    private static ProtocolFileException Fail(string path, int? line, string rule) => new(new ProtocolFileError(FileName, path, line, rule));
}
