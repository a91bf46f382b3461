using NodaTime;

namespace Trial.Followup.Scheduling;

/// <summary>Calendar steps taken on the participant's wall clock, so "7 days later" keeps the local time across DST.</summary>
internal static class LocalCalendar
{
    public static DateTimeZone Zone(string id) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw new InvalidOperationException($"Unknown time zone '{id}' on an occasion.");

    public static Instant Plus(Instant instant, Period period, DateTimeZone zone) =>
        (instant.InZone(zone).LocalDateTime + period).InZoneLeniently(zone).ToInstant();
}
