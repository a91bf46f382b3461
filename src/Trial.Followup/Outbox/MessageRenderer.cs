using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Scheduling.Protocol;

namespace Trial.Followup.Outbox;

/// <summary>Fills a protocol template's {link} and {closesOn} in the participant's language.</summary>
internal static class MessageRenderer
{
    public static string Render(string template, Uri link, LocalDate lastDay, string language) =>
        template
            .Replace("{link}", link.AbsoluteUri, StringComparison.Ordinal)
            .Replace("{closesOn}", DatePattern(language).Format(lastDay), StringComparison.Ordinal);

    public static MessageTemplate Template(FollowupProtocol protocol, OutboxKey key, string language) =>
        protocol.Messages.For(key.Kind, language);

    private static LocalDatePattern DatePattern(string language) => language == "nb-NO"
        ? LocalDatePattern.Create("d. MMMM yyyy", CultureInfo.GetCultureInfo("nb-NO"))
        : LocalDatePattern.Create("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}
