using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Protocol.Tests.Package;

public class PackageContractTests
{
    [Fact]
    public void EmbeddedContract_IsTheRepositoryFile()
    {
        var file = PackageContract.Load(Path.Combine(RepositoryFiles.Root, "protocol", "data-package.schema.yaml"));
        Assert.Equal(file.Files.Select(f => f.Name), PackageContract.Current.Files.Select(f => f.Name));
        Assert.True(PackageContract.Current.Require("participants.csv").Required);
    }

    /// <summary>The prose and the machine-readable contract stay one description: each file and column is documented.</summary>
    [Fact]
    public void EveryContractColumn_IsDocumentedInDataPackageMd()
    {
        var prose = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "protocol", "data-package.md"));
        foreach (var file in PackageContract.Current.Files)
        {
            var start = prose.IndexOf($"## {file.Name}", StringComparison.Ordinal);
            Assert.True(start >= 0, $"data-package.md has no section '## {file.Name}'");
            var end = prose.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
            var section = end < 0 ? prose[start..] : prose[start..end];
            foreach (var column in file.Columns)
            {
                Assert.True(section.Contains($"| {column.Name} |", StringComparison.Ordinal), $"{file.Name}: column {column.Name} is not in the table of data-package.md");
            }
        }
    }

    /// <summary>The register extract is in the same contract: its core columns, documented in register-extract.md, then the plan's declared columns.</summary>
    [Fact]
    public void RegisterExtract_IsInTheContract_AndDocumented()
    {
        var register = PackageContract.Current.RegisterExtract;
        Assert.Equal("register.csv", register.Name);
        Assert.Equal(ExtraColumns.PlanRegisterColumns, register.Extra);
        Assert.Equal(["participant_id", "month"], register.Columns.Take(2).Select(c => c.Name));
        var prose = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "protocol", "register-extract.md"));
        Assert.All(register.Columns, c => Assert.Contains($"| {c.Name} |", prose, StringComparison.Ordinal));
        Assert.DoesNotContain(PackageContract.Current.Files, f => f.Extra == ExtraColumns.PlanRegisterColumns);
    }

    [Fact]
    public void PlanRegisterColumns_OnAPackageFile_IsRefused()
    {
        const string register = "registerExtract: { name: register.csv, required: false, rows: x, columns: [{ name: month, type: month }], extraColumns: plan-register-columns }\n";
        var yaml = "format: trial-data-package-contract\nformatVersion: 1\n" + register +
            "files:\n  - { name: a.csv, required: true, rows: x, columns: [{ name: a, type: text }], extraColumns: plan-register-columns }\n";
        var e = Assert.Throws<ProtocolFileException>(() => PackageContract.Parse(YamlValue.Parse("c.yaml", yaml)));
        Assert.Contains("register extract only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContractWithUnknownKey_IsRefused()
    {
        var yaml = "format: trial-data-package-contract\nformatVersion: 1\nfiles:\n  - { name: a.csv, required: true, rows: x, columns: [{ name: a, type: text, requried: true }], extraColumns: none }\n";
        var e = Assert.Throws<ProtocolFileException>(() => PackageContract.Parse(YamlValue.Parse("c.yaml", yaml)));
        Assert.Equal("$.files[0].columns[0].requried", e.First.Path);
    }
}
