using NodaTime;

namespace Trial.Followup.Outbox;

/// <summary>
/// How often a failing message is tried again before it is parked for the coordinator, and how long a claim lasts.
/// </summary>
/// <param name="MaxTries">Tries before a message is parked (a permanent rejection parks at once).</param>
/// <param name="FirstRetry">Delay after the first failure; each further failure doubles it.</param>
/// <param name="MaxRetryDelay">Ceiling on the doubled delay.</param>
/// <param name="ClaimLease">
/// How long a claimed row is out of other workers' reach. A node that dies mid-send leaves its row to fall due again
/// after this, so it must exceed the longest send (the SMTP timeout times the few commands of one message).
/// </param>
public sealed record OutboxRetryPolicy(int MaxTries, Duration FirstRetry, Duration MaxRetryDelay, Duration ClaimLease)
{
    /// <summary>Six tries over about 2.5 hours (5, 10, 20, 40, 80 minutes apart); a claim lasts 10 minutes.</summary>
    public static OutboxRetryPolicy Default { get; } = new(6, Duration.FromMinutes(5), Duration.FromHours(4), Duration.FromMinutes(10));

    /// <summary>The wait after failure number <paramref name="tries"/> (1-based): FirstRetry × 2^(tries − 1), capped.</summary>
    public Duration DelayAfter(int tries)
    {
        var delay = FirstRetry;
        for (var i = 1; i < tries && delay < MaxRetryDelay; i++)
        {
            delay += delay;
        }
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
