namespace Trial.Protocol.Package;

/// <summary>One file of the data package as the contract defines it.</summary>
/// <param name="Required">The manifest must list the file.</param>
/// <param name="Rows">What one row stands for (prose, for the documentation).</param>
/// <param name="Key">Columns whose values together are unique per row (empty: no key).</param>
public sealed record ContractFile(
    string Name,
    bool Required,
    string Rows,
    IReadOnlyList<string> Key,
    IReadOnlyList<ContractColumn> Columns,
    ExtraColumns Extra)
{
    public ContractColumn? Column(string name) => Columns.FirstOrDefault(c => c.Name == name);
}
