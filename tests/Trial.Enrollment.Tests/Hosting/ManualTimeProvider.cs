namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Wall-clock time that a test moves by hand (sessions, lockouts), apart from the trial's NodaTime clock.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
