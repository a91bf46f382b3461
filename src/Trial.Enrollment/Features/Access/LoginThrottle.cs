using System.Collections.Concurrent;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Failed sign-ins counted in memory per client address, and per username for names that are not accounts (known
/// accounts count in the database, so their lock holds on every node). An unknown name locks exactly as a known one
/// does, so lockout does not reveal which usernames exist.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int FailuresPerAccount = 5;
    public const int FailuresPerAddress = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Counter> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Counter> _unknownNames = new(StringComparer.Ordinal);

    public TimeSpan? AddressBlocked(string address) => Blocked(_addresses, address, FailuresPerAddress);

    public TimeSpan? UnknownNameBlocked(string username) => Blocked(_unknownNames, Normalise(username), FailuresPerAccount);

    public void AddressFailed(string address) => Fail(_addresses, address);

    public void UnknownNameFailed(string username) => Fail(_unknownNames, Normalise(username));

    private static string Normalise(string username) => username.Trim().ToLowerInvariant();

    private TimeSpan? Blocked(ConcurrentDictionary<string, Counter> counters, string key, int limit)
    {
        if (!counters.TryGetValue(key, out var counter))
        {
            return null;
        }
        lock (counter)
        {
            var left = counter.Started + Window - time.GetUtcNow();
            return counter.Failures >= limit && left > TimeSpan.Zero ? left : null;
        }
    }

    private void Fail(ConcurrentDictionary<string, Counter> counters, string key)
    {
        var now = time.GetUtcNow();
        if (counters.Count > 100_000)
        {
            // A spray of names or addresses: forget expired windows rather than grow without bound.
            foreach (var (k, c) in counters)
            {
                if (c.Started + Window < now)
                {
                    counters.TryRemove(k, out _);
                }
            }
        }
        var counter = counters.GetOrAdd(key, _ => new Counter { Started = now });
        lock (counter)
        {
            if (counter.Started + Window < now)
            {
                counter.Started = now;
                counter.Failures = 0;
            }
            counter.Failures++;
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Started;
        public int Failures;
    }
}
