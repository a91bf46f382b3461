using System.Security.Claims;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>Builds the principal for cookie and bearer sign-in alike, so both carry the same claims.</summary>
internal static class StaffClaims
{
    public static ClaimsPrincipal Principal(StaffUserRecord user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(TrialClaimTypes.UserId, user.Username),
            new(ClaimTypes.NameIdentifier, user.Id.ToString("D")),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(TrialClaimTypes.Organisation, user.Organisation),
        };
        claims.AddRange(user.Centres.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => new Claim(TrialClaimTypes.Centre, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
