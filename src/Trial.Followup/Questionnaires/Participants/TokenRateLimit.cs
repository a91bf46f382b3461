using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// Throttles guessing of link tokens. ASP.NET Core's rate-limiting middleware bounds all requests per address
/// (<see cref="PolicyName"/>); on top, only failed look-ups use up a budget, per address and per network prefix, so
/// a participant with a valid link is never refused because others guessed, and a botnet spread over many
/// addresses of one network is still slowed. No budget is shared by all clients.
/// </summary>
internal sealed class TokenRateLimit : IDisposable
{
    public const string PolicyName = "questionnaire-pages";

    private readonly PartitionedRateLimiter<HttpContext> _failures;

    public TokenRateLimit(QuestionnaireOptions options)
    {
        var window = options.Window.ToTimeSpan();
        _failures = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                Address(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.FailuresPerAddress, Window = window, QueueLimit = 0 })),
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                Network(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.FailuresPerNetwork, Window = window, QueueLimit = 0 })));
        RetryAfterSeconds = (int)Math.Ceiling(window.TotalSeconds);
    }

    public int RetryAfterSeconds { get; }

    /// <summary>Whether the address and its network still have failures left (asks without using one).</summary>
    public bool MayTry(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(context, 0);
        return lease.IsAcquired;
    }

    /// <summary>A failed look-up uses one failure of the address and of its network.</summary>
    public void Failed(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(context, 1);
    }

    public void Dispose() => _failures.Dispose();

    /// <summary>The middleware's policy: all requests per address, fixed window.</summary>
    public static void AddPolicy(RateLimiterOptions limiter, QuestionnaireOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(Address(context),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerAddress, Window = options.Window.ToTimeSpan(), QueueLimit = 0 }));
    }

    private static string Address(HttpContext context) => Normalise(context.Connection.RemoteIpAddress)?.ToString() ?? "unknown";

    /// <summary>IPv4 /24 or IPv6 /56: one household, office or provider allocation.</summary>
    internal static string Network(HttpContext context)
    {
        var address = Normalise(context.Connection.RemoteIpAddress);
        if (address is null)
        {
            return "unknown";
        }
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 7;
        return Convert.ToHexString(bytes.AsSpan(0, prefix)) + "/" + (prefix * 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IPAddress? Normalise(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
