using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Issues the bearer token itself rather than through SignIn, whose answer includes a refresh token this service does
/// not honour (a stolen refresh token would outlive a logout). The token is protected with the shared,
/// database-held data-protection keys, so any node reads it.
/// </summary>
internal sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public TokenResponse Issue(StaffUserRecord user, DateTimeOffset signedInAt)
    {
        var bearer = options.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime };
        var ticket = new AuthenticationTicket(StaffClaims.Principal(user, BearerTokenDefaults.AuthenticationScheme, signedInAt), properties,
            BearerTokenDefaults.AuthenticationScheme);
        return new TokenResponse("Bearer", bearer.BearerTokenProtector.Protect(ticket), (long)Lifetime.TotalSeconds);
    }
}

/// <param name="TokenType">Always "Bearer".</param>
/// <param name="AccessToken">Send as "Authorization: Bearer {accessToken}". Revoked by logout or a password change.</param>
/// <param name="ExpiresIn">Seconds until the token expires; sign in again afterwards (there is no refresh token).</param>
public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn);
