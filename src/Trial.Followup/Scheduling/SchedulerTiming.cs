namespace Trial.Followup.Scheduling;

/// <summary>How often the sweeps fire and the outbox is polled. Tests shorten them; production uses <see cref="Default"/>.</summary>
internal sealed record SchedulerTiming(TimeSpan SweepInterval, TimeSpan DispatchPollInterval, int DispatchWorkers)
{
    public static SchedulerTiming Default { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15), 4);
}
