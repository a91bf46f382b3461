using Trial.Web.Assets;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Questionnaires;
using Trial.Followup.Scheduling;

namespace Trial.Followup.Hosting;

/// <summary>The two calls a host makes to bring in Follow-up: services, then endpoints.</summary>
public static class FollowupHosting
{
    public static IServiceCollection AddTrialFollowup(this IServiceCollection services, FollowupHostOptions options)
    {
        services.AddSingleton(options);
        services.AddFollowupScheduling(options);
        services.AddQuestionnaires(options);
        return services;
    }

    public static IEndpointRouteBuilder MapTrialFollowup(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDesignAssets();
        endpoints.MapQuestionnairePages();
        endpoints.MapCoordinatorFollowup();
        return endpoints;
    }
}
