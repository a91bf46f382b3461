using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Trial.Enrollment.Features.Access;

internal static class AccessEndpoints
{
    public static void MapAccessEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (TokenRequest request, HttpContext http, StaffSignIn signIn,
                TokenIssuer tokens, CancellationToken ct) =>
            {
                var outcome = await signIn.SignInAsync(request.Username ?? "", request.Password ?? "", ClientAddress(http), ct);
                return outcome.User is { } user ? TypedResults.Ok(tokens.Issue(user, outcome.SignedInAt)) : Refused(http, outcome);
            })
            .AllowAnonymous()
            .WithName("Token")
            .WithSummary("Exchange a username and password for a bearer token carrying role, organisation and centre claims.")
            .WithDescription("401 for a wrong username or password (the answer does not say which); 429 with Retry-After after repeated failures for the account or the address.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/logout", async Task<NoContent> (ClaimsPrincipal user, StaffDirectory staff, CancellationToken ct) =>
            {
                await staff.RevokeSessionsAsync(UserId(user), ct);
                return TypedResults.NoContent();
            })
            .WithName("Logout")
            .WithSummary("End every session and bearer token of the signed-in user, on every node.");
        api.MapPost("/password", async Task<NoContent> (PasswordChangeRequest request, ClaimsPrincipal user, StaffDirectory staff, CancellationToken ct) =>
            {
                await staff.ChangePasswordAsync(UserId(user), request.CurrentPassword ?? "", request.NewPassword ?? "", ct);
                return TypedResults.NoContent();
            })
            .WithName("ChangePassword")
            .WithSummary("Change the signed-in user's password; every session and token of the user ends, so sign in again.");
    }

    /// <summary>401 for a wrong password, 429 with Retry-After when locked; the same texts whether or not the user exists.</summary>
    public static ProblemHttpResult Refused(HttpContext http, SignInOutcome outcome)
    {
        if (outcome.RetryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins.",
                detail: "Sign-in is paused for this account or address; try again later.");
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password.");
    }

    /// <summary>The client's address (behind a proxy, as the configured forwarded headers give it).</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);
