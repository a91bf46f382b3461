namespace Trial.Followup.Outbox;

/// <summary>
/// The two points of a dispatch step where race tests force an interleaving (and observe that it happened).
/// Production uses <see cref="None"/>.
/// </summary>
internal interface IDispatchHooks
{
    public static IDispatchHooks None { get; } = new NoHooks();

    /// <summary>Inside the claim transaction: the row is claimed and its occasion share-locked, nothing committed yet.</summary>
    Task InsideClaimAsync(OutboxKey key, CancellationToken cancellationToken);

    /// <summary>After the claim committed and before the last look at the occasion: no transaction is open.</summary>
    Task BeforeSendAsync(OutboxKey key, CancellationToken cancellationToken);

    private sealed class NoHooks : IDispatchHooks
    {
        public Task InsideClaimAsync(OutboxKey key, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task BeforeSendAsync(OutboxKey key, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
