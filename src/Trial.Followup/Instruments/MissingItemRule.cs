namespace Trial.Followup.Instruments;

/// <summary>What a scale does when some of its items are unanswered.</summary>
public enum MissingItemRule
{
    /// <summary>Any missing item leaves the scale missing.</summary>
    AllRequired,
    /// <summary>
    /// Up to MaxMissing items may be missing; the sum is prorated to the full item count (each missing item replaced
    /// by the mean of the answered items). Beyond that the scale is missing.
    /// </summary>
    ProrateByMean,
}
