using System.Security.Claims;
using Trial.Followup.Access;

namespace Trial.Followup.Coordinator;

/// <summary>
/// Who may see a centre's follow-up: a signed-in coordinator or trial manager holding that centre's trial:centre
/// claim. Everyone else is refused, including coordinators of other centres.
/// </summary>
internal static class CentreAccess
{
    public static AccessDecision Decide(ClaimsPrincipal user, string centre)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return AccessDecision.Unauthenticated;
        }
        var role = StaffRole.Of(user) is { } r && (r == StaffRole.Coordinator || r == StaffRole.TrialManager);
        var scoped = user.FindAll(TrialClaimTypes.Centre).Any(c => string.Equals(c.Value, centre, StringComparison.Ordinal));
        return !role ? AccessDecision.NotYourRole : scoped ? AccessDecision.Allowed : AccessDecision.NotYourCentre;
    }

    /// <summary>The user ID recorded as "entered by" on manual entries.</summary>
    public static string? UserId(ClaimsPrincipal user) => user.FindFirst(TrialClaimTypes.UserId)?.Value;
}
