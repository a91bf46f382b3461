using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Hosting;

internal static class EnrollmentServices
{
    public const string Scheme = "trial";

    public static IServiceCollection AddTrialEnrollment(this IServiceCollection services, TrialHostOptions options, TrialProtocol protocol)
    {
        services.AddSingleton(options);
        services.AddSingleton(protocol);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddDbContextPool<TrialDbContext>(o => DatabaseSetup.Configure(o, options.Database, options.ResearchConnection, null));
        services.AddDbContext<IdentityStoreContext>(o =>
            DatabaseSetup.Configure(o, options.Database, options.IdentityConnection, IdentityStoreContext.Schema));
        services.AddSingleton<TrialCalendar>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SeedProtection>();
        services.AddSingleton<AllocationSeeds>();
        services.AddScoped<FollowupLink>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<ParticipantScreening>();
        services.AddScoped<ParticipantConsent>();
        services.AddScoped<ParticipantRandomisation>();
        services.AddScoped<MistakenRandomisation>();
        services.AddScoped<SequenceListing>();
        services.AddScoped<ParticipantWithdrawal>();
        services.AddScoped<ParticipantDeath>();
        services.AddScoped<ParticipantQueries>();
        services.AddScoped<ConsortCounts>();
        services.AddScoped<DataPackageExport>();
        services.AddSingleton<FidelityScales>();
        services.AddScoped<FidelityReviews>();
        services.AddScoped<FidelityReviewReader>();
        services.AddSingleton<IContactDirectory, IdentityContactDirectory>();

        services.AddTrialFollowup(new FollowupHostOptions
        {
            ConnectionString = options.ResearchConnection,
            Database = options.Database == DatabaseProvider.Postgres ? FollowupDatabase.Postgres : FollowupDatabase.Sqlite,
            ProtocolDirectory = protocol.Directory,
            PublicBaseUrl = options.PublicBaseUrl ?? new Uri("http://localhost:5080/"),
            RunScheduler = options.FollowupScheduler == FollowupSchedulerPolicy.Run,
        });

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/login";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS (behind a proxy: see forwarded headers).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToLogin = context => ApiStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiStatus(context, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>API callers get 401/403, not a redirect to the login page.</summary>
    private static Task ApiStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
