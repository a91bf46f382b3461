namespace Trial.Followup.Instruments;

/// <summary>Where the item wording comes from.</summary>
public enum InstrumentTextSource
{
    /// <summary>Wording that may be shipped with the protocol.</summary>
    Open,
    /// <summary>Licensed wording not shipped: item texts are placeholders, marked as such on every page.</summary>
    LicensedPlaceholder,
    /// <summary>Licensed wording loaded from the file the trial supplied.</summary>
    LicensedSupplied,
}
