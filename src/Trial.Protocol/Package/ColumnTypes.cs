namespace Trial.Protocol.Package;

/// <summary>The spelling of each <see cref="ColumnType"/> in the contract file.</summary>
public static class ColumnTypes
{
    public static readonly IReadOnlyDictionary<string, ColumnType> ByName = new Dictionary<string, ColumnType>(StringComparer.Ordinal)
    {
        ["research-id"] = ColumnType.ResearchId,
        ["text"] = ColumnType.Text,
        ["code"] = ColumnType.Code,
        ["codes"] = ColumnType.Codes,
        ["integer"] = ColumnType.Integer,
        ["decimal"] = ColumnType.Decimal,
        ["boolean"] = ColumnType.Boolean,
        ["date"] = ColumnType.Date,
        ["month"] = ColumnType.Month,
        ["instant"] = ColumnType.Instant,
    };

    public static string Name(ColumnType type) => ByName.First(kv => kv.Value == type).Key;
}
