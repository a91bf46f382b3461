namespace Trial.Followup.Coordinator;

/// <summary>What a manual entry attempt came to; only Stored wrote anything.</summary>
internal enum ManualEntryOutcome
{
    Stored,
    Invalid,
    OccasionNotFound,
    Forbidden,
    OccasionClosed,
    /// <summary>Not open yet, cancelled, or closed for longer than the grace period.</summary>
    OccasionNotOpen,
    /// <summary>The trial manager locked follow-up: no more data entry.</summary>
    EntryLocked,
}
