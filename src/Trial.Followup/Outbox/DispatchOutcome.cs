namespace Trial.Followup.Outbox;

/// <summary>What one dispatch step did with the row it claimed.</summary>
public enum DispatchOutcome
{
    /// <summary>No due row was free to claim.</summary>
    NothingDue,
    /// <summary>Sent and marked sent.</summary>
    Sent,
    /// <summary>Outside the participant's allowed hours: moved to the next allowed instant.</summary>
    Deferred,
    /// <summary>The participant has no address for this channel: recorded, nothing sent.</summary>
    NoAddress,
    /// <summary>The occasion was being changed by another transaction: left for the next pass.</summary>
    Contended,
    /// <summary>The occasion had already closed: the row was cancelled (a second line of defence).</summary>
    Cancelled,
}
