using Quartz;

namespace Trial.Followup.Scheduling;

/// <summary>
/// Fires Follow-up's Quartz jobs on demand, one after another, and waits for each to finish: the real jobs through the
/// real scheduler, for a host that moves its clock by hand (registered only with <see cref="Hosting.FollowupHostOptions.JobsOnDemand"/>).
/// </summary>
public sealed class FollowupJobs(ISchedulerFactory schedulers)
{
    public const string OpenOccasions = "open-occasions";
    public const string SendReminders = "send-reminders";
    public const string CloseMissedOccasions = "close-missed-occasions";
    public const string CreatePhoneTasks = "create-phone-tasks";

    /// <summary>The order a day's work needs: open what is due, remind, close what was missed, then hand over to phone.</summary>
    public static IReadOnlyList<string> InDailyOrder { get; } = [OpenOccasions, SendReminders, CloseMissedOccasions, CreatePhoneTasks];

    /// <summary>Runs every job once, in <see cref="InDailyOrder"/>; returns how many occasions the opening job opened.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var opened = 0;
        foreach (var name in InDailyOrder)
        {
            var result = await RunAsync(name, cancellationToken);
            if (name == OpenOccasions)
            {
                opened = result is int count ? count : 0;
            }
        }
        return opened;
    }

    /// <summary>Fires one job and returns its result once it has run; a job that failed throws here.</summary>
    public async Task<object?> RunAsync(string name, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(name);
        var listener = new Completion($"on-demand-{name}-{Guid.NewGuid():N}");
        scheduler.ListenerManager.AddJobListener(listener, [Matchers.Key(key)]);
        try
        {
            await scheduler.TriggerJob(key, cancellationToken);
            return await listener.Done.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            scheduler.ListenerManager.RemoveJobListener(listener.Name);
        }
    }

    private sealed class Completion(string name) : IJobListener
    {
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => name;

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
            Fail(new InvalidOperationException($"Quartz vetoed the job {name}."));

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (jobException is not null)
            {
                return Fail(jobException);
            }
            Done.TrySetResult(context.Result);
            return ValueTask.CompletedTask;
        }

        private ValueTask Fail(Exception exception)
        {
            Done.TrySetException(exception);
            return ValueTask.CompletedTask;
        }
    }
}
