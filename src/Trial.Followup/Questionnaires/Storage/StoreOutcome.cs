namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Whether a response was stored or the occasion already had one (the caller rolls back).</summary>
internal enum StoreOutcome
{
    Stored,
    AlreadyAnswered,
}
