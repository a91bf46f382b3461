using NodaTime;
using Trial.Followup.Contact;

namespace Trial.Followup.Tests.Support;

internal static class Participants
{
    public static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    public static ScheduleRequest Request(LocalDate anchor, string language = "nb-NO") =>
        new(ParticipantRef.From(Guid.NewGuid()), anchor, Oslo, language, "sha256:test", "oslo", "ips");
}
