namespace Trial.Followup.Questionnaires.Links;

/// <summary>What a presented token turned out to be.</summary>
public enum LinkStatus
{
    /// <summary>Valid, unused, not expired, and its occasion still expects an answer.</summary>
    Open,
    /// <summary>Malformed or never issued.</summary>
    Unknown,
    /// <summary>Past its expiry (the occasion's close).</summary>
    Expired,
    /// <summary>Already used for a submission.</summary>
    Used,
    /// <summary>The occasion no longer takes answers (answered by another route, missed or cancelled).</summary>
    OccasionClosed,
}
