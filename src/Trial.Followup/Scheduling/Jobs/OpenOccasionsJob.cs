using Quartz;

namespace Trial.Followup.Scheduling.Jobs;

/// <summary>Opens occasions whose window has started and enqueues their invitations.</summary>
/// <remarks>One run at a time across the cluster; a late run catches up everything due (see <see cref="OccasionSweep"/>).</remarks>
[DisallowConcurrentExecution]
internal sealed class OpenOccasionsJob(OccasionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = await sweep.OpenDueAsync(cancellationToken);
    }
}
