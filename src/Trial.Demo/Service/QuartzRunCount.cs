using Quartz;

namespace Trial.Demo.Service;

/// <summary>
/// Counts the jobs Quartz itself reports as executed, so the demo's summary shows that follow-up went through the real
/// scheduler rather than around it.
/// </summary>
internal sealed class QuartzRunCount : IJobListener
{
    private int _executed;

    public int Executed => Volatile.Read(ref _executed);

    public string Name => "demo-run-count";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is null)
        {
            Interlocked.Increment(ref _executed);
        }
        return ValueTask.CompletedTask;
    }
}
