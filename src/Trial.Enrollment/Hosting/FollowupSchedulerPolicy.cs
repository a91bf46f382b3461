namespace Trial.Enrollment.Hosting;

public enum FollowupSchedulerPolicy
{
    Run,
    Off,
}
