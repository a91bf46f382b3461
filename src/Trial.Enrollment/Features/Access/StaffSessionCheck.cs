using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Called by the cookie and bearer handlers on every authentication (including the pages' own re-authentication):
/// the session stands only while the user exists, is not disabled, still has the security stamp it was issued with,
/// and signed in less than <see cref="AbsoluteLifetime"/> ago. Otherwise authentication fails, and the request gets
/// 401 or the login page. One indexed read per request; nothing is cached across requests, so a logout on one node
/// holds on all at once.
/// </summary>
internal sealed class StaffSessionCheck(TrialDbContext db, TimeProvider time)
{
    /// <summary>However active the user, a session ends this long after sign-in.</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(8);

    /// <summary>A cookie session ends after this long without a request (sliding).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(30);

    private readonly Dictionary<(Guid, string), bool> _checked = [];

    public async Task<bool> IsValidAsync(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                    && principal.FindFirstValue(StaffClaims.SecurityStamp) is { } stamp
                    && long.TryParse(principal.FindFirstValue(StaffClaims.SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var signedIn)
                    && time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(signedIn) < AbsoluteLifetime
                    && await StampMatchesAsync(userId, stamp);

    private async Task<bool> StampMatchesAsync(Guid userId, string stamp)
    {
        if (!_checked.TryGetValue((userId, stamp), out var matches))
        {
            matches = await db.StaffUsers.AsNoTracking().AnyAsync(u => u.Id == userId && u.SecurityStamp == stamp && !u.Disabled);
            _checked[(userId, stamp)] = matches;
        }
        return matches;
    }
}
