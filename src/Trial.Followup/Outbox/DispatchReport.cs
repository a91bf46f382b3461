namespace Trial.Followup.Outbox;

/// <summary>Counts of what a dispatch pass did.</summary>
public sealed record DispatchReport(int Sent, int Deferred, int NoAddress)
{
    public static DispatchReport Empty { get; } = new(0, 0, 0);

    /// <summary>Sends that failed and will be tried again after a backoff.</summary>
    public int Failed { get; init; }

    /// <summary>Messages parked for the coordinator in this pass.</summary>
    public int Parked { get; init; }

    /// <summary>E-mails held because no relay is configured.</summary>
    public int Held { get; init; }

    /// <summary>Rows found closed or cancelled at claim or just before the send.</summary>
    public int Cancelled { get; init; }

    public DispatchReport Add(DispatchOutcome outcome) => outcome switch
    {
        DispatchOutcome.Sent => this with { Sent = Sent + 1 },
        DispatchOutcome.Deferred => this with { Deferred = Deferred + 1 },
        DispatchOutcome.NoAddress => this with { NoAddress = NoAddress + 1 },
        DispatchOutcome.Failed => this with { Failed = Failed + 1 },
        DispatchOutcome.Parked => this with { Parked = Parked + 1 },
        DispatchOutcome.Held => this with { Held = Held + 1 },
        DispatchOutcome.Cancelled => this with { Cancelled = Cancelled + 1 },
        _ => this,
    };

    public DispatchReport Add(DispatchReport other) =>
        new(Sent + other.Sent, Deferred + other.Deferred, NoAddress + other.NoAddress)
        {
            Failed = Failed + other.Failed,
            Parked = Parked + other.Parked,
            Held = Held + other.Held,
            Cancelled = Cancelled + other.Cancelled,
        };
}
