using NodaTime;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>One follow-up time point: due <see cref="After"/> the randomisation date, with its answering window.</summary>
public sealed record OccasionRule(string Code, Period After, Period OpensBefore, Period ClosesAfter)
{
    public LocalDate DueOn(LocalDate anchor) => anchor.Plus(After);

    /// <summary>Opens at the start of the first day of the window, in the participant's zone.</summary>
    public Instant OpensAt(LocalDate anchor, DateTimeZone zone) => DueOn(anchor).Minus(OpensBefore).AtStartOfDayInZone(zone).ToInstant();

    /// <summary>Closes at the end of the last day of the window (the start of the next day), in the participant's zone.</summary>
    public Instant ClosesAt(LocalDate anchor, DateTimeZone zone) => LastDay(anchor).PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

    public LocalDate LastDay(LocalDate anchor) => DueOn(anchor).Plus(ClosesAfter);
}
