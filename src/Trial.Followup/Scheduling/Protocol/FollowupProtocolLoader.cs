using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trial.Followup.Scheduling.Protocol;

/// <summary>Reads and validates followup.yaml. Every rejection names the file, the path in it and the rule.</summary>
public static partial class FollowupProtocolLoader
{
    public const string FileName = "followup.yaml";

    public static FollowupProtocol LoadFromDirectory(string protocolDirectory) => Load(Path.Combine(protocolDirectory, FileName));

    public static FollowupProtocol Load(string file)
    {
        if (!File.Exists(file))
        {
            throw new FollowupProtocolException(file, "(file)", "the follow-up protocol file does not exist");
        }
        return Parse(File.ReadAllText(file), file);
    }

    public static FollowupProtocol Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FollowupProtocolException(file, $"(line {e.Start.Line})", $"is not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count != 1)
        {
            throw new FollowupProtocolException(file, "(document)", "must hold exactly one YAML document");
        }
        var root = new YamlCursor(file, "", stream.Documents[0].RootNode);
        var version = root.Required("version");
        if (version.Text() != "1")
        {
            throw version.Error("must be 1, the only version this code reads");
        }
        var occasions = ReadOccasions(root.Required("occasions"));
        var reminders = ReadReminders(root.Required("reminders"));
        var hours = ReadAllowedHours(root.Required("allowedHours"));
        var phoneTask = PositivePeriod(root.Required("phoneTask").Required("afterLastReminder"));
        var channels = ReadChannels(root.Required("channels"));
        var messages = ReadMessages(root.Required("messages"));
        // Optional: without it, phone and paper answers are taken only while the occasion is open.
        var grace = root.Optional("manualEntry")?.Required("graceAfterClose") is { } graceCursor ? Period(graceCursor) : NodaTime.Period.Zero;
        if (Negative(grace))
        {
            throw root.Required("manualEntry").Required("graceAfterClose").Error("must not be negative");
        }
        return new FollowupProtocol(occasions, reminders, hours, phoneTask, channels, messages) { ManualEntryGrace = grace };
    }

    private static List<OccasionRule> ReadOccasions(YamlCursor cursor)
    {
        var items = cursor.Items();
        if (items.Count == 0)
        {
            throw cursor.Error("must list at least one occasion");
        }
        var rules = new List<OccasionRule>();
        foreach (var item in items)
        {
            var codeCursor = item.Required("code");
            var code = codeCursor.Text();
            if (!CodePattern().IsMatch(code))
            {
                throw codeCursor.Error("must be lower-case letters, digits, '-' or '_', at most 32 characters");
            }
            if (rules.Any(r => r.Code == code))
            {
                throw codeCursor.Error($"duplicate occasion code '{code}'");
            }
            // P0D is the baseline occasion, due on the randomisation day itself.
            var after = Period(item.Required("after"));
            if (Negative(after))
            {
                throw item.Required("after").Error("must not be negative");
            }
            var opensBefore = Period(item.Required("opensBefore"));
            if (Negative(opensBefore))
            {
                throw item.Required("opensBefore").Error("must not be negative");
            }
            rules.Add(new OccasionRule(code, after, opensBefore, PositivePeriod(item.Required("closesAfter"))));
        }
        return rules;
    }

    private static List<Period> ReadReminders(YamlCursor cursor)
    {
        var reminders = new List<Period>();
        var reference = new LocalDate(2000, 1, 1);
        foreach (var item in cursor.Items())
        {
            var after = item.Required("after");
            var period = PositivePeriod(after);
            if (reminders.Count > 0 && reference.Plus(period) <= reference.Plus(reminders[^1]))
            {
                throw after.Error("reminders must come in increasing order of 'after'");
            }
            reminders.Add(period);
        }
        return reminders;
    }

    private static AllowedHours ReadAllowedHours(YamlCursor cursor)
    {
        var from = Time(cursor.Required("from"));
        var untilCursor = cursor.Required("until");
        var until = Time(untilCursor);
        return until > from ? new AllowedHours(from, until) : throw untilCursor.Error("must be later than 'from'");
    }

    private static List<MessageChannel> ReadChannels(YamlCursor cursor)
    {
        var channels = new List<MessageChannel>();
        foreach (var item in cursor.Items())
        {
            var channel = item.Text() switch
            {
                "email" => MessageChannel.Email,
                "sms" => MessageChannel.Sms,
                _ => throw item.Error("must be 'email' or 'sms'"),
            };
            if (channels.Contains(channel))
            {
                throw item.Error("is listed twice");
            }
            channels.Add(channel);
        }
        return channels.Count > 0 ? channels : throw cursor.Error("must list at least one channel");
    }

    private static MessageTemplates ReadMessages(YamlCursor cursor)
    {
        var templates = new Dictionary<(MessageKind, string), MessageTemplate>();
        foreach (var (kind, key) in new[] { (MessageKind.Invitation, "invitation"), (MessageKind.Reminder, "reminder") })
        {
            var kindCursor = cursor.Required(key);
            foreach (var extra in kindCursor.Keys().Except(MessageTemplates.Languages))
            {
                throw kindCursor.Error($"unsupported language '{extra}'; supported: {string.Join(", ", MessageTemplates.Languages)}");
            }
            foreach (var language in MessageTemplates.Languages)
            {
                var text = kindCursor.Required(language);
                templates[(kind, language)] = new MessageTemplate(
                    text.Required("emailSubject").Text(),
                    WithLink(text.Required("emailBody")),
                    WithLink(text.Required("sms")));
            }
        }
        return new MessageTemplates(templates);
    }

    private static string WithLink(YamlCursor cursor)
    {
        var text = cursor.Text();
        return text.Contains("{link}", StringComparison.Ordinal) ? text : throw cursor.Error("must contain the {link} placeholder");
    }

    private static Period PositivePeriod(YamlCursor cursor)
    {
        var period = Period(cursor);
        return period.Equals(NodaTime.Period.Zero) || Negative(period) ? throw cursor.Error("must be a positive period") : period;
    }

    private static Period Period(YamlCursor cursor)
    {
        var result = PeriodPattern.Roundtrip.Parse(cursor.Text());
        if (!result.Success)
        {
            throw cursor.Error("must be an ISO 8601 period such as P6M, P2W or P7D");
        }
        var period = result.Value;
        return period.HasTimeComponent ? throw cursor.Error("must be whole days, weeks, months or years") : period;
    }

    private static bool Negative(Period period)
    {
        var reference = new LocalDate(2000, 1, 1);
        return reference.Plus(period) < reference;
    }

    private static LocalTime Time(YamlCursor cursor)
    {
        var result = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(cursor.Text());
        return result.Success ? result.Value : throw cursor.Error("must be a time of day as HH:mm, e.g. 09:00");
    }

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}
