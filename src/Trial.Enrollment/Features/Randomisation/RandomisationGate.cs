namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// How many randomisations this process runs in the database at once (<see cref="Hosting.TrialHostOptions.ConcurrentRandomisations"/>);
/// the rest wait here, in the order they came, before they take any connection or lock.
/// <para>Every randomisation of a stratum queues on that stratum's counter row until the one before it commits. On
/// PostgreSQL each waiter sleeps in its own backend and is woken at every commit to find the row taken again, so 32
/// requests at once over 6 strata made the database's CPU per randomisation twice that of 8 and lowered the throughput
/// (466/s at 8 clients, 314/s at 32, idle 2-core machine). Waiting here costs nothing, and the database still decides who
/// gets which slot: the gate is for throughput only, and several processes each with their own gate stay correct.</para>
/// </summary>
internal sealed class RandomisationGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <exception cref="InvalidOperationException">The setting is below 1 (checked when the service is built, before it starts).</exception>
    public RandomisationGate(Hosting.TrialHostOptions options)
    {
        if (options.ConcurrentRandomisations < 1)
        {
            throw new InvalidOperationException(
                $"Trial:ConcurrentRandomisations is {options.ConcurrentRandomisations}; it must be at least 1 (randomisations run in the database at once by this process).");
        }
        Limit = options.ConcurrentRandomisations;
        _slots = new SemaphoreSlim(Limit, Limit);
    }

    /// <summary>The number of randomisations allowed in the database at once.</summary>
    public int Limit { get; }

    /// <summary>Waits for a place; dispose the result to give it up.</summary>
    public async Task<Place> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        return new Place(_slots);
    }

    private int _waiting;

    /// <summary>Requests waiting for a place now (for tests and diagnostics).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Dispose() => _slots.Dispose();

    public readonly struct Place(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
