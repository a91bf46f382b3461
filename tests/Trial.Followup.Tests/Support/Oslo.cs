using NodaTime;

namespace Trial.Followup.Tests.Support;

internal static class Oslo
{
    /// <summary>The instant of a wall-clock time in Europe/Oslo (strict: the test must not name a skipped time).</summary>
    public static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Participants.Oslo).ToInstant();
}
