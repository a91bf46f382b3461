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
    /// <summary>The user's organisation may not enter an instrument in the request (Errors names it); nothing was written.</summary>
    InstrumentNotAllowed,
}
