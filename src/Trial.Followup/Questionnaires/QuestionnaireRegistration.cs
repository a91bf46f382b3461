using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Hosting;

namespace Trial.Followup.Questionnaires;

/// <summary>Registers instruments, links, participant pages and the coordinator follow-up view.</summary>
public static class QuestionnaireRegistration
{
    public static IServiceCollection AddQuestionnaires(this IServiceCollection services, FollowupHostOptions options)
    {
        _ = options;
        return services;
    }

    public static IEndpointRouteBuilder MapQuestionnairePages(this IEndpointRouteBuilder endpoints) => endpoints;

    public static IEndpointRouteBuilder MapCoordinatorFollowup(this IEndpointRouteBuilder endpoints) => endpoints;
}
