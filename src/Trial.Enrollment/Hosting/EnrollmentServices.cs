using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Hosting.Keys;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Web;

namespace Trial.Enrollment.Hosting;

internal static class EnrollmentServices
{
    public const string Scheme = "trial";

    public static IServiceCollection AddTrialEnrollment(this IServiceCollection services, TrialHostOptions options, TrialProtocol protocol)
    {
        services.AddSingleton(options);
        services.AddSingleton(protocol);
        services.TryAddSingleton<IClock>(NodaTime.SystemClock.Instance);
        services.AddDbContextPool<TrialDbContext>(o => DatabaseSetup.Configure(o, options.Database, options.ResearchConnection));
        // The options are built once, not per request: every request that resolves a service taking the identity context
        // (a randomisation did, through PersonNotes, even when it wrote no note) rebuilt them (a connection-string
        // parse, provider and warnings set-up, EF's lookup of its internal services by the new options), about 5 % of the
        // service's CPU at 1 client (bench/results/enrollment-profile.md, 2 December). The context stays scoped and unpooled
        // (StoresTransaction may move it onto the research connection); the options hold nothing per request.
        services.AddDbContext<IdentityStoreContext>(o => IdentityStoreConnection.Configure(o, options), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton<TrialCalendar>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SeedProtection>();
        services.AddSingleton<AllocationSeeds>();
        services.AddSingleton<OrganisationAccess>();
        services.AddScoped<FollowupLink>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton(_ => StaffPasswords.CreateHasher(options));
        services.AddSingleton<StaffPasswords>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<TokenIssuer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(_ => MasterKey.Load(options));
        services.AddSingleton<Identity.PersonVault>();
        services.AddDataProtection().SetApplicationName("trial");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseKeyRepository(provider.GetRequiredService<IServiceScopeFactory>());
            o.XmlEncryptor = new MasterKeyXmlEncryptor(provider.GetRequiredService<MasterKey>());
        }));
        services.AddScoped<ParticipantScreening>();
        services.AddScoped<ParticipantConsent>();
        services.AddScoped<Features.Reconsent.ParticipantReconsent>();
        services.AddScoped<Features.ScreeningCorrection.ScreeningCorrectionService>();
        services.AddScoped<ParticipantBaseline>();
        services.AddScoped<ParticipantRandomisation>();
        // Built here so that a bad Trial:ConcurrentRandomisations stops the service before it starts.
        services.AddSingleton(new RandomisationGate(options));
        services.AddSingleton<StratumSlotStatement>();
        services.AddScoped<MistakenRandomisation>();
        services.AddScoped<Identity.PersonNotes>();
        // For a service that writes a note only on a rare path (ParticipantRandomisation: a paper allocation), so that its
        // other requests do not construct PersonNotes and, with it, the identity-store context.
        services.AddScoped<Func<Identity.PersonNotes>>(provider => provider.GetRequiredService<Identity.PersonNotes>);
        services.AddScoped<Features.Erasure.IdentityErasure>();
        services.TryAddSingleton(Features.Erasure.IErasureHooks.None);
        services.AddScoped<SequenceListing>();
        services.AddScoped<ParticipantWithdrawal>();
        services.AddScoped<ParticipantDeath>();
        services.AddScoped<TrialLocks>();
        services.AddScoped<Trial.Enrollment.Features.DatabaseLock.LockedExport>();
        services.AddScoped<ParticipantQueries>();
        services.AddScoped<ConsortCounts>();
        services.AddScoped<DataPackageExport>();
        services.AddSingleton<FidelityScales>();
        services.AddScoped<FidelityReviews>();
        services.AddScoped<FidelityReviewReader>();
        services.AddSingleton<IdentityStorePool>();
        services.AddSingleton<Identity.ParticipantLanguages>();
        services.AddSingleton<IContactDirectory, IdentityContactDirectory>();
        services.AddScoped<IResearchIds, ParticipantResearchIds>();
        services.AddSingleton<Trial.Followup.Questionnaires.Storage.IEntryLock, TrialEntryLock>();
        services.AddSingleton<Trial.Followup.Access.IInstrumentAccess, OrganisationInstrumentAccess>();
        services.AddTrialPages();
        services.AddSingleton<ProtocolLabels>();
        services.AddScoped<Trial.Enrollment.Features.Overview.RecruitmentQuery>();
        services.AddScoped<Trial.Enrollment.Features.Overview.AuditLog>();
        services.AddSingleton<Trial.Web.Localisation.ITrialLabels>(sp => sp.GetRequiredService<ProtocolLabels>());
        services.AddSingleton<Trial.Web.Layout.IStaffMenuSource, StaffMenuSource>();

        services.AddTrialFollowup(new FollowupHostOptions
        {
            ConnectionString = options.ResearchConnection,
            Database = options.Database == DatabaseProvider.Postgres ? FollowupDatabase.Postgres : FollowupDatabase.Sqlite,
            ProtocolDirectory = protocol.Directory,
            TimeZone = protocol.TimeZone,
            PublicBaseUrl = options.PublicBaseUrl ?? new Uri("http://localhost:5080/"),
            RunScheduler = options.FollowupScheduler != FollowupSchedulerPolicy.Off,
            JobsOnDemand = options.FollowupScheduler == FollowupSchedulerPolicy.OnDemand,
            // Service state, not source: under the data folder (git-ignored), whatever the working directory.
            SmsOutboxDirectory = Path.Combine(options.DataDirectory, "sms-outbox"),
            Smtp = options.Smtp.Validated("Trial:Smtp"),
        });

        services.AddTrialForwardedHeaders(options);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemMapping>();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddTrialSecurity());
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o =>
            {
                o.BearerTokenExpiration = TokenIssuer.Lifetime;
                o.Events.OnMessageReceived = RevokedBearer;
            })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.LoginPath = "/login";
                o.ExpireTimeSpan = StaffSessionCheck.IdleLifetime;
                o.SlidingExpiration = true;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS (behind a proxy: see forwarded headers).
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (context.Principal is null || !await context.HttpContext.RequestServices.GetRequiredService<StaffSessionCheck>().IsValidAsync(context.Principal))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
                o.Events.OnRedirectToLogin = context => ApiStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => ApiStatus(context, StatusCodes.Status403Forbidden);
            });
        services.AddScoped<StaffSessionCheck>();
        services.AddAuthorization();
        return services;
    }

    /// <summary>A token of a revoked, disabled or expired session fails authentication (401), though its signature is good.</summary>
    private static async Task RevokedBearer(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        var ticket = options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim());
        if (ticket is not null && !await context.HttpContext.RequestServices.GetRequiredService<StaffSessionCheck>().IsValidAsync(ticket.Principal))
        {
            context.Fail("The session has ended (logout, password change or lifetime).");
        }
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
