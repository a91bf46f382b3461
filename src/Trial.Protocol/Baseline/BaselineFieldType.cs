namespace Trial.Protocol.Baseline;

/// <summary>What a coordinator records for a baseline field.</summary>
public enum BaselineFieldType
{
    /// <summary>Yes/no, exported as true/false.</summary>
    Boolean,
    /// <summary>One of the field's codes.</summary>
    Code,
    /// <summary>A whole number within the field's min and max.</summary>
    Integer,
}
