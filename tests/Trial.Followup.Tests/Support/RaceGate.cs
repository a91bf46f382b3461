namespace Trial.Followup.Tests.Support;

/// <summary>
/// A point in the code under test where one task stops until the test opens the gate, so the test can make another
/// transaction happen exactly there and then check that it did (<see cref="Passes"/>).
/// </summary>
internal sealed class RaceGate(bool open = false)
{
    // Generous guard against a hang when the code under test is broken; never a timing assertion.
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = Opened(open);
    private int _passes;

    /// <summary>How many times the code under test came to this gate.</summary>
    public int Passes => Volatile.Read(ref _passes);

    public Task ReachedAsync() => _reached.Task.WaitAsync(HangGuard);

    public void Open() => _opened.TrySetResult();

    /// <summary>Called by the code under test.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passes);
        _reached.TrySetResult();
        await _opened.Task.WaitAsync(HangGuard, cancellationToken);
    }

    private static TaskCompletionSource Opened(bool open)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            source.SetResult();
        }
        return source;
    }
}
