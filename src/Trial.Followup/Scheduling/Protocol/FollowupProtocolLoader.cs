using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;
using Trial.Protocol.Files;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>Reads and validates followup.yaml with the one protocol reader; every rejection is a ProtocolFileException naming file, path, line and rule.</summary>
public static partial class FollowupProtocolLoader
{
    public const string FileName = "followup.yaml";

    public static FollowupProtocol LoadFromDirectory(string protocolDirectory) => Load(Path.Combine(protocolDirectory, FileName));

    public static FollowupProtocol Load(string file) => Read(YamlValue.Load(file));

    /// <param name="file">How errors name the file.</param>
    public static FollowupProtocol Parse(string yaml, string file) => Read(YamlValue.Parse(Path.GetFileName(file), yaml));

    private static FollowupProtocol Read(YamlValue root)
    {
        // As every other protocol file: a misspelt or unknown key is refused, never silently ignored (a misspelt
        // "manualEntry" would otherwise quietly close the grace period).
        root.OnlyKeys("version", "occasions", "reminders", "allowedHours", "phoneTask", "manualEntry", "channels", "messages");
        var version = root.Child("version");
        if (version.Text() != "1")
        {
            throw version.Fail("must be 1, the only version this code reads");
        }
        var occasions = ReadOccasions(root.Child("occasions"));
        var reminders = ReadReminders(root.Child("reminders"));
        var hours = ReadAllowedHours(root.Child("allowedHours"));
        var phoneTask = PositivePeriod(root.Child("phoneTask").OnlyKeys("afterLastReminder").Child("afterLastReminder"));
        var channels = ReadChannels(root.Child("channels"));
        var messages = ReadMessages(root.Child("messages"));
        // Optional: without it, phone and paper answers are taken only while the occasion is open.
        var graceNode = root.Optional("manualEntry")?.OnlyKeys("graceAfterClose").Child("graceAfterClose");
        var grace = graceNode is null ? NodaTime.Period.Zero : Period(graceNode);
        if (graceNode is not null && Negative(grace))
        {
            throw graceNode.Fail("must not be negative");
        }
        return new FollowupProtocol(occasions, reminders, hours, phoneTask, channels, messages) { ManualEntryGrace = grace };
    }

    private static List<OccasionRule> ReadOccasions(YamlValue node)
    {
        var items = node.Items();
        if (items.Count == 0)
        {
            throw node.Fail("must list at least one occasion");
        }
        var rules = new List<OccasionRule>();
        foreach (var item in items)
        {
            item.OnlyKeys("code", "after", "opensBefore", "closesAfter");
            var codeNode = item.Child("code");
            var code = codeNode.Text();
            if (!CodePattern().IsMatch(code))
            {
                throw codeNode.Fail("must be lower-case letters, digits, '-' or '_', at most 32 characters");
            }
            if (rules.Any(r => r.Code == code))
            {
                throw codeNode.Fail($"duplicate occasion code '{code}'");
            }
            // P0D is the baseline occasion, due on the randomisation day itself.
            var after = Period(item.Child("after"));
            if (Negative(after))
            {
                throw item.Child("after").Fail("must not be negative");
            }
            var opensBefore = Period(item.Child("opensBefore"));
            if (Negative(opensBefore))
            {
                throw item.Child("opensBefore").Fail("must not be negative");
            }
            rules.Add(new OccasionRule(code, after, opensBefore, PositivePeriod(item.Child("closesAfter"))));
        }
        return rules;
    }

    private static List<Period> ReadReminders(YamlValue node)
    {
        var reminders = new List<Period>();
        var reference = new LocalDate(2000, 1, 1);
        foreach (var item in node.Items())
        {
            var after = item.OnlyKeys("after").Child("after");
            var period = PositivePeriod(after);
            if (reminders.Count > 0 && reference.Plus(period) <= reference.Plus(reminders[^1]))
            {
                throw after.Fail("reminders must come in increasing order of 'after'");
            }
            reminders.Add(period);
        }
        return reminders;
    }

    private static AllowedHours ReadAllowedHours(YamlValue node)
    {
        var from = Time(node.OnlyKeys("from", "until").Child("from"));
        var untilNode = node.Child("until");
        var until = Time(untilNode);
        return until > from ? new AllowedHours(from, until) : throw untilNode.Fail("must be later than 'from'");
    }

    private static List<MessageChannel> ReadChannels(YamlValue node)
    {
        var channels = new List<MessageChannel>();
        foreach (var item in node.Items())
        {
            var channel = item.Text() switch
            {
                "email" => MessageChannel.Email,
                "sms" => MessageChannel.Sms,
                _ => throw item.Fail("must be 'email' or 'sms'"),
            };
            if (channels.Contains(channel))
            {
                throw item.Fail("is listed twice");
            }
            channels.Add(channel);
        }
        return channels.Count > 0 ? channels : throw node.Fail("must list at least one channel");
    }

    private static MessageTemplates ReadMessages(YamlValue node)
    {
        node.OnlyKeys("invitation", "reminder");
        var templates = new Dictionary<(MessageKind, string), MessageTemplate>();
        foreach (var (kind, key) in new[] { (MessageKind.Invitation, "invitation"), (MessageKind.Reminder, "reminder") })
        {
            var kindNode = node.Child(key);
            foreach (var extra in kindNode.Keys().Except(MessageTemplates.Languages))
            {
                throw kindNode.Fail($"unsupported language '{extra}'; supported: {string.Join(", ", MessageTemplates.Languages)}");
            }
            foreach (var language in MessageTemplates.Languages)
            {
                var text = kindNode.Child(language).OnlyKeys("emailSubject", "emailBody", "sms");
                templates[(kind, language)] = new MessageTemplate(
                    text.Child("emailSubject").Text(),
                    WithLink(text.Child("emailBody")),
                    WithLink(text.Child("sms")));
            }
        }
        return new MessageTemplates(templates);
    }

    private static string WithLink(YamlValue node)
    {
        var text = node.Text();
        return text.Contains("{link}", StringComparison.Ordinal) ? text : throw node.Fail("must contain the {link} placeholder");
    }

    private static Period PositivePeriod(YamlValue node)
    {
        var period = Period(node);
        return period.Equals(NodaTime.Period.Zero) || Negative(period) ? throw node.Fail("must be a positive period") : period;
    }

    private static Period Period(YamlValue node)
    {
        var result = PeriodPattern.Roundtrip.Parse(node.Text());
        if (!result.Success)
        {
            throw node.Fail("must be an ISO 8601 period such as P6M, P2W or P7D");
        }
        var period = result.Value;
        return period.HasTimeComponent ? throw node.Fail("must be whole days, weeks, months or years") : period;
    }

    private static bool Negative(Period period)
    {
        var reference = new LocalDate(2000, 1, 1);
        return reference.Plus(period) < reference;
    }

    private static LocalTime Time(YamlValue node)
    {
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(node.Text());
        return result.Success ? result.Value : throw node.Fail("must be a time of day as HH:mm, e.g. 09:00");
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}
