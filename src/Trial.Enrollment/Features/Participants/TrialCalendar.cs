using NodaTime;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Participants;

/// <summary>Today's date in the trial's zone (the protocol's timeZone), from the injected clock.</summary>
internal sealed class TrialCalendar(IClock clock, TrialProtocol protocol)
{
    public Instant Now => clock.GetCurrentInstant();

    public LocalDate Today => clock.GetCurrentInstant().InZone(protocol.TimeZone).Date;
}
