using Trial.Protocol.Files;
using Trial.Protocol.Hashing;

namespace Trial.Protocol.Package;

/// <summary>
/// Opens a data package and checks it: manifest.json, every listed file's SHA-256 and row count, then every contract
/// rule (files, columns, types, codes, keys, references, withdrawals). A package that breaks any rule is refused with
/// a <see cref="ProtocolFileException"/> naming file, column, line and rule; nothing is returned half-checked.
/// </summary>
public static class PackageVerifier
{
    /// <summary>Stop listing after this many broken rules; the first ones are what the user fixes first.</summary>
    private const int MaxErrors = 50;

    public static VerifiedPackage Open(string folder, PackageExpectations expectations, PackageContract? contract = null)
    {
        contract ??= PackageContract.Current;
        var manifestPath = Path.Combine(folder, PackageManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new ProtocolFileException(new ProtocolFileError(PackageManifest.FileName, "$", null, $"not a data package: there is no manifest.json in '{folder}'"));
        }
        var manifestBytes = File.ReadAllBytes(manifestPath);
        var manifest = PackageManifest.Parse(manifestBytes);
        var tables = new Dictionary<string, PackageTable>(StringComparer.Ordinal);
        foreach (var (file, i) in manifest.Files.Select((f, i) => (f, i)))
        {
            tables[file.Name] = ReadListed(folder, file, i);
        }
        var errors = new List<ProtocolFileError>();
        foreach (var required in contract.Files.Where(f => f.Required && !tables.ContainsKey(f.Name)))
        {
            errors.Add(new ProtocolFileError(PackageManifest.FileName, "$.files", null, $"the package must list {required.Name}"));
        }
        foreach (var table in tables.Values)
        {
            if (contract.File(table.Name) is { } definition)
            {
                CheckTable(definition, table, expectations, errors);
            }
        }
        if (errors.Count == 0)
        {
            PackageRelations.Check(contract, tables, errors);
        }
        if (errors.Count > 0)
        {
            throw new ProtocolFileException(errors.Take(MaxErrors).ToList());
        }
        return new VerifiedPackage(folder, manifest, FileSha256.Of(manifestBytes), tables);
    }

    private static PackageTable ReadListed(string folder, ManifestFile file, int index)
    {
        var path = Path.Combine(folder, file.Name);
        if (!File.Exists(path))
        {
            throw new ProtocolFileException(new ProtocolFileError(PackageManifest.FileName, $"$.files[{index}]", null, $"{file.Name} is listed but missing from the package"));
        }
        var bytes = File.ReadAllBytes(path);
        var actual = FileSha256.Of(bytes);
        if (!string.Equals(actual, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ProtocolFileException(new ProtocolFileError(file.Name, "$", null, $"SHA-256 {actual} does not match the manifest's {file.Sha256}: the file changed after the lock"));
        }
        var table = PackageCsvReader.Read(file.Name, bytes);
        return table.Rows.Count == file.Rows
            ? table
            : throw new ProtocolFileException(new ProtocolFileError(file.Name, "$", null, $"has {table.Rows.Count} rows, but the manifest says {file.Rows}"));
    }

    private static void CheckTable(ContractFile definition, PackageTable table, PackageExpectations expectations, List<ProtocolFileError> errors)
    {
        var extra = definition.Extra == ExtraColumns.BaselineForm ? expectations.BaselineForm.Columns() : [];
        foreach (var missing in definition.Columns.Concat(extra).Where(c => table.ColumnIndex(c.Name) < 0))
        {
            errors.Add(new ProtocolFileError(table.Name, $"column {missing.Name}", 1, "required column is missing from the header"));
        }
        var columns = new List<(int Index, ContractColumn Column)>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            var column = definition.Column(name) ?? extra.FirstOrDefault(c => c.Name == name);
            if (column is not null)
            {
                columns.Add((i, column));
            }
            else if (definition.Extra == ExtraColumns.None)
            {
                errors.Add(new ProtocolFileError(table.Name, $"column {name}", 1, "is not a column of this file in the contract"));
            }
            else if (expectations.BaselineForm.Fields.Count > 0)
            {
                errors.Add(new ProtocolFileError(table.Name, $"column {name}", 1, "is neither a contract column nor a field of the protocol's baseline form"));
            }
        }
        foreach (var (index, column) in columns)
        {
            var codes = column.CodesFrom is { } list ? expectations.Codes.For(list) : null;
            for (var r = 0; r < table.Rows.Count && errors.Count < MaxErrors; r++)
            {
                if (CellRule.Check(column, table.Rows[r][index], codes) is { } rule)
                {
                    errors.Add(new ProtocolFileError(table.Name, $"column {column.Name}", table.Lines[r], rule));
                }
            }
        }
    }
}
