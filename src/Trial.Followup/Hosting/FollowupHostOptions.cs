namespace Trial.Followup.Hosting;

/// <summary>How the host (Trial.Enrollment) configures Follow-up.</summary>
public sealed record FollowupHostOptions
{
    /// <summary>Connection string of the research database Follow-up shares with Enrollment.</summary>
    public required string ConnectionString { get; init; }

    public required FollowupDatabase Database { get; init; }

    /// <summary>The protocol folder, e.g. protocol/ips-norway, holding followup.yaml and instruments/.</summary>
    public required string ProtocolDirectory { get; init; }

    /// <summary>
    /// The trial's time zone (protocol.yaml's timeZone), in which the coordinator's pages show times and read typed dates.
    /// Sends are timed in each participant's own zone, which their occasions carry.
    /// </summary>
    public required NodaTime.DateTimeZone TimeZone { get; init; }

    /// <summary>Public base URL that participant links start with.</summary>
    public required Uri PublicBaseUrl { get; init; }

    /// <summary>SMTP relay for e-mail; null holds every e-mail unsent (state 'held', shown to the coordinator).</summary>
    public SmtpSettings? Smtp { get; init; }

    /// <summary>Folder the default SMS channel writes messages to.</summary>
    public string SmsOutboxDirectory { get; init; } = "sms-outbox";

    /// <summary>Distinct per process; Quartz clustering needs one ID per node.</summary>
    public string NodeId { get; init; } = Environment.MachineName + "-" + Environment.ProcessId;

    /// <summary>Whether this process runs the Quartz scheduler (several nodes may).</summary>
    public bool RunScheduler { get; init; } = true;

    /// <summary>
    /// With <see cref="RunScheduler"/>: Quartz holds the jobs but fires them only when <see cref="Scheduling.FollowupJobs"/>
    /// asks, and no outbox loop runs. For a host whose clock is moved by hand (the demo's virtual clock), so each
    /// virtual day runs the real jobs exactly once, in order, instead of on the wall clock's interval. Quartz keeps
    /// these trigger-less jobs in memory: with nothing timed there is no firing to persist or recover.
    /// </summary>
    public bool JobsOnDemand { get; init; }
}

public enum FollowupDatabase { Postgres, Sqlite }
