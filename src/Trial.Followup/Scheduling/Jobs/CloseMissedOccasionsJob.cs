using Quartz;

namespace Trial.Followup.Scheduling.Jobs;

/// <summary>Marks occasions whose window closed without an answer as missed and cancels their pending sends.</summary>
/// <remarks>One run at a time across the cluster; a late run catches up everything due (see <see cref="OccasionSweep"/>).</remarks>
[DisallowConcurrentExecution]
internal sealed class CloseMissedOccasionsJob(OccasionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = await sweep.CloseMissedAsync(cancellationToken);
    }
}
