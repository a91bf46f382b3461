namespace Trial.Followup.Coordinator;

/// <summary>What a manual entry attempt came to; only Stored wrote anything.</summary>
internal enum ManualEntryOutcome
{
    Stored,
    Invalid,
    OccasionNotFound,
    Forbidden,
    OccasionClosed,
}
