using Microsoft.AspNetCore.Builder;
using Trial.Web;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trial.Followup.Coordinator;
using Trial.Followup.Export;
using Trial.Followup.Hosting;
using Trial.Followup.Instruments;
using Trial.Followup.Questionnaires.Links;
using Trial.Followup.Questionnaires.Participants;
using Trial.Followup.Questionnaires.Storage;

namespace Trial.Followup.Questionnaires;

/// <summary>Registers instruments, links, participant pages and the coordinator follow-up view.</summary>
public static class QuestionnaireRegistration
{
    public const string InstrumentsFolder = "instruments";
    public const string LicensedTextFolder = "licensed";

    public static IServiceCollection AddQuestionnaires(this IServiceCollection services, FollowupHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(new QuestionnaireOptions());
        services.AddTrialPages();
        // The coordinator API speaks NodaTime (Instant, LocalDate) as ISO text.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        services.AddSingleton(sp => LoadCatalog(options, sp.GetRequiredService<QuestionnaireOptions>()));
        services.AddSingleton<QuestionnaireLinks>();
        services.AddSingleton<IQuestionnaireLinks>(sp => sp.GetRequiredService<QuestionnaireLinks>());
        services.AddSingleton<ResponseStore>();
        services.TryAddSingleton<IEntryLock, NeverLocked>();
        services.TryAddSingleton<Access.IInstrumentAccess, Access.EveryInstrument>();
        services.AddSingleton<ParticipantQuestionnaire>();
        services.AddSingleton<TokenRateLimit>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<QuestionnaireOptions>((limiter, questionnaire) => TokenRateLimit.AddPolicy(limiter, questionnaire));
        services.AddSingleton<ManualResponses>();
        services.AddSingleton(sp => new CentreStatusQuery(sp.GetRequiredService<Trial.Followup.Storage.FollowupStore>(), sp.GetRequiredService<IClock>(), options.TimeZone));
        services.AddSingleton<IUndeliveredMessages>(sp => sp.GetRequiredService<CentreStatusQuery>());
        services.AddSingleton<ParticipantOccasionsQuery>();
        services.AddSingleton<IFollowupExport, FollowupExport>();
        // After the scheduling feature's schema start-up: the questionnaire tables reference the occasion table.
        services.AddHostedService<QuestionnaireSchemaStartup>();
        return services;
    }

    public static IEndpointRouteBuilder MapQuestionnairePages(this IEndpointRouteBuilder endpoints) => endpoints.MapParticipantPages();

    public static IEndpointRouteBuilder MapCoordinatorFollowup(this IEndpointRouteBuilder endpoints) => endpoints.MapCoordinatorEndpoints();

    /// <summary>protocol/&lt;trial&gt;/instruments, with licensed wording from the configured folder or instruments/licensed.</summary>
    internal static InstrumentCatalog LoadCatalog(FollowupHostOptions options, QuestionnaireOptions questionnaire)
    {
        var instruments = Path.Combine(options.ProtocolDirectory, InstrumentsFolder);
        var licensed = questionnaire.LicensedTextDirectory ?? Path.Combine(instruments, LicensedTextFolder);
        return InstrumentCatalogLoader.Load(instruments, Directory.Exists(licensed) ? licensed : null);
    }
}
