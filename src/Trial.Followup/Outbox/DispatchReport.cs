namespace Trial.Followup.Outbox;

/// <summary>Counts of what a dispatch pass did.</summary>
public sealed record DispatchReport(int Sent, int Deferred, int NoAddress)
{
    public static DispatchReport Empty { get; } = new(0, 0, 0);

    public DispatchReport Add(DispatchOutcome outcome) => outcome switch
    {
        DispatchOutcome.Sent => this with { Sent = Sent + 1 },
        DispatchOutcome.Deferred => this with { Deferred = Deferred + 1 },
        DispatchOutcome.NoAddress => this with { NoAddress = NoAddress + 1 },
        _ => this,
    };

    public DispatchReport Add(DispatchReport other) =>
        new(Sent + other.Sent, Deferred + other.Deferred, NoAddress + other.NoAddress);
}
