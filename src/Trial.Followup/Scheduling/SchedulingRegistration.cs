using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Quartz;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling.Jobs;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Scheduling;

/// <summary>Registers the schedule, the Quartz jobs, the outbox and the channels.</summary>
public static class SchedulingRegistration
{
    public const string SchedulerName = "trial-followup";

    public static IServiceCollection AddFollowupScheduling(this IServiceCollection services, FollowupHostOptions options) =>
        services.AddFollowupScheduling(options, SchedulerTiming.Default);

    internal static IServiceCollection AddFollowupScheduling(this IServiceCollection services, FollowupHostOptions options, SchedulerTiming timing)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.AddSingleton(_ => FollowupProtocolLoader.LoadFromDirectory(options.ProtocolDirectory));
        services.AddSingleton(FollowupStore.From(options));
        services.AddSingleton(timing);
        services.AddSingleton<IFollowupContact, FollowupContact>();
        services.AddSingleton<IOccasionLifecycle, OccasionLifecycle>();
        services.AddSingleton<OccasionSweep>();
        AddChannels(services, options);
        services.TryAddSingleton(OutboxRetryPolicy.Default);
        services.TryAddSingleton(IDispatchHooks.None);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<OutboxDispatcher>(sp, options.NodeId));

        // First hosted service: the tables exist before the scheduler or any request touches them.
        services.AddHostedService<FollowupSchemaStartup>();
        if (options.RunScheduler)
        {
            services.AddQuartz(quartz => ConfigureQuartz(quartz, options, timing));
            services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
            if (options.JobsOnDemand)
            {
                services.AddSingleton<FollowupJobs>();
            }
            else
            {
                services.AddHostedService<OutboxDispatchService>();
            }
        }
        return services;
    }

    private static void AddChannels(IServiceCollection services, FollowupHostOptions options)
    {
        if (options.Smtp is { } smtp)
        {
            services.TryAddSingleton<IEmailChannel>(new SmtpEmailChannel(smtp));
        }
        else
        {
            // No relay: e-mail is held unsent (and shown to the coordinator), never logged as if it had gone out.
            services.TryAddSingleton<IEmailChannel>(new NoRelayEmailChannel());
        }
        services.TryAddSingleton<ISmsChannel>(new FileSmsChannel(options.SmsOutboxDirectory));
    }

    private static void ConfigureQuartz(IQuartzBuilder quartz, FollowupHostOptions options, SchedulerTiming timing)
    {
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = SchedulerName;
            scheduler.InstanceId = options.NodeId;
        });
        if (options.JobsOnDemand)
        {
            // Jobs fired on demand have no triggers: nothing is due while the host is down, so there is no firing to
            // persist, recover or share with another node. The ADO store would only add a database round trip per
            // firing (on SQLite about 35 ms each, which turned the demo's simulated year from 36 s into 217 s); the
            // real scheduler, job factory and jobs still run every firing.
            quartz.UseInMemoryStore();
        }
        else
        {
            UsePersistentStore(quartz, options);
        }
        Schedule<OpenOccasionsJob>(quartz, FollowupJobs.OpenOccasions, timing, options.JobsOnDemand);
        Schedule<SendRemindersJob>(quartz, FollowupJobs.SendReminders, timing, options.JobsOnDemand);
        Schedule<CloseMissedOccasionsJob>(quartz, FollowupJobs.CloseMissedOccasions, timing, options.JobsOnDemand);
        Schedule<CreatePhoneTasksJob>(quartz, FollowupJobs.CreatePhoneTasks, timing, options.JobsOnDemand);
    }

    private static void UsePersistentStore(IQuartzBuilder quartz, FollowupHostOptions options)
    {
        quartz.UsePersistentStore(store =>
        {
            if (options.Database == FollowupDatabase.Postgres)
            {
                store.UsePostgres(options.ConnectionString);
                // Each trigger firing is taken by exactly one node; a dead node's firings are recovered by the others.
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                    cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                });
            }
            else
            {
                store.UseSqlite(options.ConnectionString);
            }
            store.ConfigureStore(ado =>
            {
                ado.TablePrefix = options.Database == FollowupDatabase.Postgres ? "followup.qrtz_" : "followup_qrtz_";
                ado.MisfireThreshold = TimeSpan.FromSeconds(30);
            });
            store.ProvisionSchema();
        });
    }

    private static void Schedule<TJob>(IQuartzBuilder quartz, string name, SchedulerTiming timing, bool onDemand)
        where TJob : IJob
    {
        if (onDemand)
        {
            // Stored without a trigger: FollowupJobs fires it.
            quartz.AddJob<TJob>(job => job.WithIdentity(name).StoreDurably());
            return;
        }
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(name)
                .StartNow()
                // A firing missed while every node was down runs once as soon as one is back: the sweep then catches
                // up everything that fell due in between, late but neither twice nor never.
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(timing.SweepInterval)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
            job => job.WithIdentity(name).RequestRecovery(true));
    }
}
