using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Trial.Enrollment.Hosting;

/// <summary>
/// What /openapi/v1.json says about signing in, so a client generator can trust it (Redocly's recommended rules pass
/// without errors, see OpenApiLintTests): the two schemes the service accepts (a bearer token from POST /api/token,
/// and the staff pages' sign-in cookie), applied to every /api operation that is not anonymous, each of which also
/// documents 401 (not signed in, or the session ended) and 403 (signed in, not allowed) as ProblemDetails. Anonymous
/// operations say so with an empty requirement. Server URLs lose their trailing slash (paths start with one).
/// </summary>
internal static class ApiDocumentSecurity
{
    public const string Bearer = "bearer";

    public const string Cookie = "cookie";

    // ASP.NET Core's default name for the cookie scheme's cookie (not overridden in EnrollmentServices).
    private const string CookieName = ".AspNetCore.Cookies";

    public static OpenApiOptions AddTrialSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/token, sent as Authorization: Bearer <token>. Ends at logout, a password change or after its lifetime.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = CookieName,
                Description = "The staff pages' sign-in cookie (POST /login); same roles and centres as the bearer token.",
            };
            foreach (var server in document.Servers ?? [])
            {
                if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
                {
                    server.Url = url.TrimEnd('/');
                }
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var path = "/" + (context.Description.RelativePath ?? "");
            if (metadata.OfType<IAllowAnonymous>().Any() || !path.StartsWith("/api/", StringComparison.Ordinal))
            {
                operation.Security = [new OpenApiSecurityRequirement()];
                return Task.CompletedTask;
            }
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] },
            ];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses.TryAdd("401", Problem("Not signed in, or the session has ended (logout, password change, lifetime).", context));
            operation.Responses.TryAdd("403", Problem("Signed in, but the role, centre or organisation does not allow this.", context));
            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiResponse Problem(string description, OpenApiOperationTransformerContext context) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
        },
    };
}
