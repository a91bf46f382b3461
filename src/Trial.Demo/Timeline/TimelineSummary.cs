namespace Trial.Demo.Timeline;

/// <summary>What the simulated trial did through the service, for the progress lines.</summary>
internal sealed class TimelineSummary
{
    public int Screened { get; set; }
    public int Randomised { get; set; }
    public Dictionary<string, int> ByArmAndPeriod { get; } = new(StringComparer.Ordinal);
    public int Emails { get; set; }
    public int SmsFiles { get; set; }
    public Dictionary<int, int> WebAnswers { get; } = [];
    public Dictionary<int, int> PhoneAnswers { get; } = [];
    public List<string> Events { get; } = [];

    /// <summary>Follow-up jobs Quartz reported as executed (four each virtual day).</summary>
    public int QuartzJobs { get; set; }

    /// <summary>Wall time spent by the coordinators' calls, the follow-up jobs with the outbox, the web answers and the phone rounds.</summary>
    public System.Diagnostics.Stopwatch Coordinators { get; } = new();
    public System.Diagnostics.Stopwatch Jobs { get; } = new();
    public System.Diagnostics.Stopwatch Participants { get; } = new();
    public System.Diagnostics.Stopwatch Phone { get; } = new();
}
