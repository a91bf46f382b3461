namespace Trial.Protocol.Package;

/// <summary>The spelling of each <see cref="CodeListName"/> in the contract file.</summary>
public static class CodeLists
{
    public static readonly IReadOnlyDictionary<string, CodeListName> ByName = new Dictionary<string, CodeListName>(StringComparer.Ordinal)
    {
        ["arms"] = CodeListName.Arms,
        ["centres"] = CodeListName.Centres,
        ["periods"] = CodeListName.Periods,
        ["exclusion-reasons"] = CodeListName.ExclusionReasons,
        ["occasions"] = CodeListName.Occasions,
        ["instruments"] = CodeListName.Instruments,
    };
}
