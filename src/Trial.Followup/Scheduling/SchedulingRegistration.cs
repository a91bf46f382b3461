using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Scheduling;

/// <summary>Registers the schedule, the Quartz jobs, the outbox and the channels.</summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddFollowupScheduling(this IServiceCollection services, FollowupHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(_ => FollowupProtocolLoader.LoadFromDirectory(options.ProtocolDirectory));
        services.AddSingleton(FollowupStore.From(options));
        services.AddSingleton<IFollowupContact, FollowupContact>();
        services.AddSingleton<IOccasionLifecycle, OccasionLifecycle>();
        // First hosted service: the tables exist before the scheduler or any request touches them.
        services.AddHostedService<FollowupSchemaStartup>();
        return services;
    }
}
