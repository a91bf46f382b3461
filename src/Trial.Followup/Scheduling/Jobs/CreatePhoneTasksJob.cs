using Quartz;

namespace Trial.Followup.Scheduling.Jobs;

/// <summary>Creates a coordinator phone task for non-responders some time after the last reminder.</summary>
/// <remarks>One run at a time across the cluster; a late run catches up everything due (see <see cref="OccasionSweep"/>).</remarks>
[DisallowConcurrentExecution]
internal sealed class CreatePhoneTasksJob(OccasionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = await sweep.CreatePhoneTasksAsync(cancellationToken);
    }
}
