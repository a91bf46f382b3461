namespace Trial.Enrollment.Hosting;

public enum FollowupSchedulerPolicy
{
    /// <summary>Quartz fires Follow-up's jobs on its interval and the outbox loop sends (production).</summary>
    Run,

    /// <summary>No scheduler in this process (another node runs it).</summary>
    Off,

    /// <summary>Quartz holds the jobs and fires them only when asked (the demo's virtual clock); no outbox loop.</summary>
    OnDemand,
}
