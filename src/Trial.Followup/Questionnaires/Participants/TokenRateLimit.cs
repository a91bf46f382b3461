using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// Throttles the token pages against brute force: a fixed window per client IP address chained with one over all
/// clients, built from System.Threading.RateLimiting (the ASP.NET Core rate limiter's primitives). Applied as an
/// endpoint filter so it holds whatever middleware the host has; a refused request never reaches the database.
/// </summary>
internal sealed class TokenRateLimit : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public TokenRateLimit(QuestionnaireOptions options)
    {
        var window = options.Window.ToTimeSpan();
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerAddress, Window = window, QueueLimit = 0 })),
            PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetFixedWindowLimiter(
                "all",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsOverall, Window = window, QueueLimit = 0 })));
        RetryAfterSeconds = (int)Math.Ceiling(window.TotalSeconds);
    }

    public int RetryAfterSeconds { get; }

    public async ValueTask<bool> TryAcquireAsync(HttpContext context)
    {
        using var lease = await _limiter.AcquireAsync(context, 1, context.RequestAborted);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
