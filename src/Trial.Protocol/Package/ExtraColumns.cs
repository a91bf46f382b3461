namespace Trial.Protocol.Package;

/// <summary>Which columns a file may hold beyond those the contract lists.</summary>
public enum ExtraColumns
{
    None,
    /// <summary>The protocol's baseline form adds one column per field and per derived indicator.</summary>
    BaselineForm,
}
