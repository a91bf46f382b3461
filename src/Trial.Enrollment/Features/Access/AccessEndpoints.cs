using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Trial.Enrollment.Features.Access;

internal static class AccessEndpoints
{
    public static void MapAccessEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (TokenRequest request, StaffDirectory staff, CancellationToken ct) =>
            {
                var user = await staff.CheckPasswordAsync(request.Username ?? "", request.Password ?? "", ct);
                return user is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password.")
                    : TypedResults.SignIn(StaffClaims.Principal(user, BearerTokenDefaults.AuthenticationScheme),
                        authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .AllowAnonymous()
            .WithName("Token")
            .WithSummary("Exchange a username and password for a bearer token carrying role, organisation and centre claims.");
}
