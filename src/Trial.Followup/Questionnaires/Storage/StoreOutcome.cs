namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Whether a response was stored, or the occasion already had one, or entry is locked (the caller rolls back).</summary>
internal enum StoreOutcome
{
    Stored,
    AlreadyAnswered,
    /// <summary>Follow-up data entry is locked (<see cref="IEntryLock"/>); nothing was written.</summary>
    EntryLocked,
}
