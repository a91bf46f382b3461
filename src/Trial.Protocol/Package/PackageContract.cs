using System.Reflection;
using Trial.Protocol.Files;

namespace Trial.Protocol.Package;

/// <summary>
/// The data-package contract (protocol/data-package.schema.yaml): every file, column, type, allowed code and
/// whether it is required. The writer (Enrollment's export) and the reader (Trial.Analysis) both check against it.
/// </summary>
/// <param name="RegisterExtract">The register extract: delivered apart from the package, its columns follow the same rules.</param>
public sealed record PackageContract(int FormatVersion, IReadOnlyList<ContractFile> Files, ContractFile RegisterExtract)
{
    public const string ResourceName = "data-package.schema.yaml";

    private static readonly Lazy<PackageContract> Embedded = new(() =>
    {
        using var stream = typeof(PackageContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(PackageContract).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(YamlValue.Parse(ResourceName, reader.ReadToEnd()));
    });

    /// <summary>The contract this build reads and writes (embedded from protocol/data-package.schema.yaml).</summary>
    public static PackageContract Current => Embedded.Value;

    public ContractFile? File(string name) => Files.FirstOrDefault(f => f.Name == name);

    public ContractFile Require(string name) => File(name) ?? throw new ArgumentException($"The contract has no file '{name}'.", nameof(name));

    /// <summary>Reads a contract file; every rule it breaks names its path.</summary>
    public static PackageContract Load(string path) => Parse(YamlValue.Load(path));

    public static PackageContract Parse(YamlValue root)
    {
        root.OnlyKeys("format", "formatVersion", "registerExtract", "files");
        if (root.Child("format").Text() != "trial-data-package-contract")
        {
            throw root.Child("format").Fail("must be 'trial-data-package-contract'");
        }
        var version = root.Child("formatVersion").Integer(1, 1);
        var files = root.Child("files").Items().Select(ParseFile).ToList();
        foreach (var duplicate in files.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            throw root.Child("files").Fail($"file '{duplicate.Key}' is listed twice");
        }
        var register = ParseFile(root.Child("registerExtract"));
        if (register.Extra == ExtraColumns.BaselineForm || files.Any(f => f.Extra == ExtraColumns.PlanRegisterColumns))
        {
            throw root.Fail("extraColumns: plan-register-columns is for the register extract only, baseline-form for package files only");
        }
        return new PackageContract(version, files, register);
    }

    private static ContractFile ParseFile(YamlValue file)
    {
        file.OnlyKeys("name", "required", "rows", "key", "columns", "extraColumns");
        var columns = file.Child("columns").Items().Select(ParseColumn).ToList();
        foreach (var duplicate in columns.GroupBy(c => c.Name).Where(g => g.Count() > 1))
        {
            throw file.Child("columns").Fail($"column '{duplicate.Key}' is listed twice");
        }
        var key = file.Optional("key")?.Texts() ?? [];
        if (file.Optional("key") is { } keyNode && key.FirstOrDefault(k => columns.All(c => c.Name != k)) is { } unknown)
        {
            throw keyNode.Fail($"key column '{unknown}' is not a column of the file");
        }
        var extra = file.Child("extraColumns").Enum(new Dictionary<string, ExtraColumns>(StringComparer.Ordinal)
        {
            ["none"] = ExtraColumns.None,
            ["baseline-form"] = ExtraColumns.BaselineForm,
            ["plan-register-columns"] = ExtraColumns.PlanRegisterColumns,
        });
        return new ContractFile(file.Child("name").Text(), file.Child("required").Boolean(), file.Child("rows").Text(), key, columns, extra);
    }

    private static ContractColumn ParseColumn(YamlValue column)
    {
        column.OnlyKeys("name", "type", "required", "codes", "codesFrom", "min", "max", "references");
        var type = column.Child("type").Enum(ColumnTypes.ByName);
        var codes = column.Optional("codes")?.Texts();
        var codesFrom = column.Optional("codesFrom")?.Enum(CodeLists.ByName);
        if ((codes is not null || codesFrom is not null) && type is not (ColumnType.Code or ColumnType.Codes))
        {
            throw column.Fail("codes and codesFrom are only for columns of type code or codes");
        }
        if (codes is not null && codesFrom is not null)
        {
            throw column.Fail("give either codes or codesFrom, not both");
        }
        decimal? Bound(string key) => column.Optional(key) is { } v
            ? type is ColumnType.Integer or ColumnType.Decimal ? v.Decimal() : throw v.Fail($"{key} is only for integer or decimal columns")
            : null;
        return new ContractColumn(column.Child("name").Text(), type, column.Optional("required")?.Boolean() ?? false,
            codes, codesFrom, Bound("min"), Bound("max"), column.OptionalText("references"));
    }
}
