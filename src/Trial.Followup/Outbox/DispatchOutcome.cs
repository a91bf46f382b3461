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
    /// <summary>The occasion had closed (or the row was cancelled) before the send: nothing sent.</summary>
    Cancelled,
    /// <summary>The channel failed; the row is due again after a backoff.</summary>
    Failed,
    /// <summary>Failed for good (or too often): parked, and a phone task opened for the coordinator.</summary>
    Parked,
    /// <summary>E-mail with no relay configured: held unsent, visible to the coordinator.</summary>
    Held,
}
