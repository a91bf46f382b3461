namespace Trial.Protocol.Package;

/// <summary>Which columns a file may hold beyond those the contract lists.</summary>
public enum ExtraColumns
{
    None,
    /// <summary>The protocol's baseline form adds one column per field and per derived indicator.</summary>
    BaselineForm,
    /// <summary>The analysis plan's <c>register_columns</c> add theirs after the listed columns (the register extract).</summary>
    PlanRegisterColumns,
}
