using NodaTime;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>
/// The local hours in which messages may go out, e.g. 09:00–20:00 (start inclusive, end exclusive). Computed in the
/// participant's zone, so a DST change moves the UTC window with the wall clock.
/// </summary>
public sealed record AllowedHours(LocalTime From, LocalTime Until)
{
    public bool Contains(Instant instant, DateTimeZone zone)
    {
        var time = instant.InZone(zone).TimeOfDay;
        return time >= From && time < Until;
    }

    /// <summary>The earliest instant at or after <paramref name="instant"/> inside the allowed hours.</summary>
    public Instant EarliestFrom(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        if (Contains(instant, zone))
        {
            return instant;
        }
        var day = local.TimeOfDay < From ? local.Date : local.Date.PlusDays(1);
        // Leniently: a start time inside a spring-forward gap moves to the first valid instant after it.
        return day.At(From).InZoneLeniently(zone).ToInstant();
    }
}
