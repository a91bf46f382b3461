namespace Trial.Protocol.Package;

/// <summary>One column of a package file as the contract defines it.</summary>
/// <param name="Required">The cell may never be empty.</param>
/// <param name="Codes">Allowed codes listed in the contract, or null.</param>
/// <param name="CodesFrom">The protocol list the codes come from (<see cref="CodeListName"/>), or null.</param>
/// <param name="References">A file whose participant_id must hold this cell's value, or null.</param>
public sealed record ContractColumn(
    string Name,
    ColumnType Type,
    bool Required,
    IReadOnlyList<string>? Codes = null,
    CodeListName? CodesFrom = null,
    decimal? Min = null,
    decimal? Max = null,
    string? References = null);
