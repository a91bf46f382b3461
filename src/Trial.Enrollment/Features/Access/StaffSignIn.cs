using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Checks a username and password for the token endpoint and the login page alike:
/// <list type="bullet">
/// <item>an unknown username costs the same password hashing as a known one, so timing does not reveal accounts;</item>
/// <item>five wrong passwords lock the account for 15 minutes (in the database, so on every node), twenty from one
/// address lock the address; a locked account refuses even the right password;</item>
/// <item>a disabled account answers like a wrong password;</item>
/// <item>every attempt is logged and audited, with the client address.</item>
/// </list>
/// </summary>
internal sealed class StaffSignIn(TrialDbContext db, AuditTrail audit, LoginThrottle throttle, StaffPasswords passwords, TimeProvider time,
    ILogger<StaffSignIn> logger)
{
    public static readonly TimeSpan LockDuration = LoginThrottle.Window;

    public async Task<SignInOutcome> SignInAsync(string username, string password, string address, CancellationToken cancellationToken)
    {
        username = username.Length > 100 ? username[..100] : username;
        var now = time.GetUtcNow();
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.Username == username, cancellationToken);
        var passwordMatches = passwords.Verify(user, password) != PasswordVerificationResult.Failed;

        var blocked = throttle.AddressBlocked(address)
                      ?? (user is null ? throttle.UnknownNameBlocked(username) : user.LockedUntil > now ? user.LockedUntil - now : null);
        if (blocked is { } wait)
        {
            await RecordAsync(user, username, address, "login.refused-locked", cancellationToken);
            return SignInOutcome.Locked(wait);
        }
        if (user is null || user.Disabled || !passwordMatches)
        {
            throttle.AddressFailed(address);
            if (user is null)
            {
                throttle.UnknownNameFailed(username);
            }
            else if (!user.Disabled && ++user.FailedLogins >= LoginThrottle.FailuresPerAccount)
            {
                user.FailedLogins = 0;
                user.LockedUntil = now + LockDuration;
            }
            await RecordAsync(user, username, address, user is { Disabled: true } ? "login.refused-disabled" : "login.failed", cancellationToken);
            return SignInOutcome.Wrong;
        }
        user.FailedLogins = 0;
        user.LockedUntil = null;
        await RecordAsync(user, username, address, "login.succeeded", cancellationToken);
        return SignInOutcome.Success(user, now);
    }

    /// <summary>Saves the counters and appends the audit entry in one transaction; logs failures as warnings.</summary>
    private async Task RecordAsync(StaffUserRecord? user, string username, string address, string action, CancellationToken cancellationToken)
    {
        // An unknown name may be a password typed into the wrong field: it is neither logged nor audited.
        var subject = user?.Username ?? "(unknown user)";
        if (action != "login.succeeded")
        {
            logger.LogWarning("Sign-in refused ({Action}) for {User} from {Address}", action, subject, address);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, subject, action, subject, new { address }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>What a sign-in attempt came to; the caller turns it into a token, a cookie, a 401 or a 429.</summary>
internal sealed record SignInOutcome(StaffUserRecord? User, DateTimeOffset SignedInAt, TimeSpan? RetryAfter)
{
    public static readonly SignInOutcome Wrong = new(null, default, null);

    public static SignInOutcome Locked(TimeSpan retryAfter) => new(null, default, retryAfter);

    public static SignInOutcome Success(StaffUserRecord user, DateTimeOffset at) => new(user, at, null);
}
