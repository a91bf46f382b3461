namespace Trial.Followup.Instruments;

/// <summary>How an item is answered.</summary>
public enum ItemResponseKind
{
    /// <summary>One of the listed options.</summary>
    Choice,
    /// <summary>A whole number in [Minimum, Maximum], e.g. the EQ VAS 0–100 or the ladder 1–10.</summary>
    Integer,
}
