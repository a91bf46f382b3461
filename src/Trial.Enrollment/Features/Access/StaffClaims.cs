using System.Globalization;
using System.Security.Claims;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>Builds the principal for cookie and bearer sign-in alike, so both carry the same claims.</summary>
internal static class StaffClaims
{
    /// <summary>The user's security stamp at sign-in; a session whose stamp no longer matches is revoked.</summary>
    public const string SecurityStamp = "trial:stamp";

    /// <summary>Unix seconds of the sign-in, for the absolute session lifetime (sliding renewals keep it).</summary>
    public const string SignedInAt = "trial:signed-in-at";

    public static ClaimsPrincipal Principal(StaffUserRecord user, string scheme, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(TrialClaimTypes.UserId, user.Username),
            new(ClaimTypes.NameIdentifier, user.Id.ToString("D")),
            new(ClaimTypes.Name, user.DisplayName),
            new(TrialClaimTypes.Organisation, user.Organisation),
            new(SecurityStamp, user.SecurityStamp),
            new(SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        // A stored role the trial no longer knows gives no role claim: such a user is refused everywhere.
        if (StaffRole.Find(user.Role) is { } role)
        {
            claims.Add(role.ToClaim());
        }
        claims.AddRange(user.Centres.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => new Claim(TrialClaimTypes.Centre, c)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
