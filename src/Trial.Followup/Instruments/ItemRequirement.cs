namespace Trial.Followup.Instruments;

/// <summary>Whether a web submission may leave the item blank. Scoring still applies the scale's missing-item rule.</summary>
public enum ItemRequirement
{
    Required,
    Optional,
}
