using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trial.Followup.Access;

namespace Trial.Followup.Tests.Support;

/// <summary>
/// Stands in for Enrollment's sign-in: the header "X-Test-User: user|role|centre,centre" becomes a principal with
/// the same claims Enrollment issues (role, trial:user, one trial:centre per centre).
/// </summary>
internal sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    public static string Value(string user, string role, params string[] centres) => $"{user}|{role}|{string.Join(',', centres)}";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var parts = value.ToString().Split('|');
        var claims = new List<Claim> { new(TrialClaimTypes.UserId, parts[0]), new(ClaimTypes.Role, parts[1]) };
        claims.AddRange(parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => new Claim(TrialClaimTypes.Centre, c)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
