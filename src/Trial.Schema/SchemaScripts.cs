using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Trial.Schema;

/// <summary>
/// Reads a component's numbered scripts embedded in an assembly under the logical name
/// <c>schema/{component}/NNNN_name.{postgres|sqlite}.sql</c>. The numbers of a component run 1, 2, 3… without gaps,
/// and every number has exactly one script per dialect (a change that one dialect does not need is a script holding
/// only a comment that says why), so the numbering means the same on both databases.
/// </summary>
public static partial class SchemaScripts
{
    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9_]+)\.(?<dialect>postgres|sqlite)\.sql$")]
    private static partial Regex FileName();

    public static IReadOnlyList<SchemaScript> Load(Assembly assembly, string component, SchemaDialect dialect)
    {
        var prefix = $"schema/{component}/";
        var found = new List<(int Version, string Name, SchemaDialect Dialect, string Resource)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var match = FileName().Match(resource[prefix.Length..]);
            if (!match.Success)
            {
                throw new SchemaVersionException($"{resource}: a migration script is named NNNN_name.postgres.sql or NNNN_name.sqlite.sql");
            }
            found.Add((int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value,
                match.Groups["dialect"].Value == "postgres" ? SchemaDialect.Postgres : SchemaDialect.Sqlite, resource));
        }
        var versions = found.GroupBy(f => f.Version).OrderBy(g => g.Key).ToList();
        for (var i = 0; i < versions.Count; i++)
        {
            var group = versions[i].ToList();
            if (versions[i].Key != i + 1)
            {
                throw new SchemaVersionException($"schema/{component}: version {i + 1} is missing (found {versions[i].Key}); numbers run 1, 2, 3… without gaps");
            }
            if (group.Select(g => g.Name).Distinct().Count() > 1 || group.Count != 2 || group[0].Dialect == group[1].Dialect)
            {
                throw new SchemaVersionException(
                    $"schema/{component}: version {versions[i].Key:D4} needs exactly one script per dialect with one name (found {string.Join(", ", group.Select(g => g.Resource))})");
            }
        }
        return found.Where(f => f.Dialect == dialect).OrderBy(f => f.Version)
            .Select(f => Script(f.Version, f.Name, Read(assembly, f.Resource))).ToList();
    }

    public static SchemaScript Script(int version, string name, string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return new SchemaScript(version, name, normalised, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised))));
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
                           ?? throw new SchemaVersionException($"{resource} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
