using Quartz;

namespace Trial.Followup.Scheduling.Jobs;

/// <summary>Enqueues the reminders that are due (7 and 14 days after the invitation in the IPS protocol).</summary>
/// <remarks>One run at a time across the cluster; a late run catches up everything due (see <see cref="OccasionSweep"/>).</remarks>
[DisallowConcurrentExecution]
internal sealed class SendRemindersJob(OccasionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = await sweep.RemindDueAsync(cancellationToken);
    }
}
