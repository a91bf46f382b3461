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

    [Fact]
    public void ContractWithUnknownKey_IsRefused()
    {
        var yaml = "format: trial-data-package-contract\nformatVersion: 1\nfiles:\n  - { name: a.csv, required: true, rows: x, columns: [{ name: a, type: text, requried: true }], extraColumns: none }\n";
        var e = Assert.Throws<ProtocolFileException>(() => PackageContract.Parse(YamlValue.Parse("c.yaml", yaml)));
        Assert.Equal("$.files[0].columns[0].requried", e.First.Path);
    }
}
