namespace Trial.Protocol.Package;

/// <summary>The type of a package column (data-package.schema.yaml); each has one text form in the CSV.</summary>
public enum ColumnType
{
    /// <summary>Pseudonymous research ID, e.g. P-0001-7K.</summary>
    ResearchId,
    Text,
    /// <summary>One code: lower-case letters, digits, '-', '_', '/'.</summary>
    Code,
    /// <summary>';'-separated codes.</summary>
    Codes,
    Integer,
    Decimal,
    /// <summary>true / false.</summary>
    Boolean,
    /// <summary>yyyy-MM-dd.</summary>
    Date,
    /// <summary>yyyy-MM.</summary>
    Month,
    /// <summary>ISO-8601 UTC with Z.</summary>
    Instant,
}
