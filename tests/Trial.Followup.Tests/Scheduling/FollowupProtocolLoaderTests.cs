using Trial.Protocol.Files;
using NodaTime;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Tests.Support;

namespace Trial.Followup.Tests.Scheduling;

public sealed class FollowupProtocolLoaderTests
{
    private static readonly string Valid = File.ReadAllText(Path.Combine(TestProtocol.Directory, FollowupProtocolLoader.FileName));

    [Fact]
    public void Load_IpsNorway_HasBaselineSixAndTwelveMonthOccasions()
    {
        var protocol = TestProtocol.IpsNorway;

        Assert.Equal(["m0", "m6", "m12"], protocol.Occasions.Select(o => o.Code));
        Assert.Equal(Period.Zero, protocol.Occasions[0].After);
        Assert.Equal(Period.FromMonths(6), protocol.Occasions[1].After);
        Assert.Equal([Period.FromDays(7), Period.FromDays(14)], protocol.Reminders);
        Assert.Equal(new AllowedHours(new LocalTime(9, 0), new LocalTime(20, 0)), protocol.AllowedHours);
    }

    [Theory]
    [InlineData("after: P6M", "after: 6 months", "occasions[1].after", "ISO 8601 period")]
    [InlineData("after: P6M", "after: P-6M", "occasions[1].after", "must not be negative")]
    [InlineData("code: m12", "code: m6", "occasions[2].code", "duplicate occasion code")]
    [InlineData("until: \"20:00\"", "until: \"08:00\"", "allowedHours.until", "later than 'from'")]
    [InlineData("- after: P14D", "- after: P5D", "reminders[1].after", "increasing order")]
    [InlineData("channels: [email, sms]", "channels: [email, fax]", "channels[1]", "'email' or 'sms'")]
    [InlineData("sms: \"IPS study: a reminder about the questionnaire. Answer by {closesOn}: {link}\"", "sms: \"no link here\"", "messages.reminder.en.sms", "{link}")]
    [InlineData("version: 1", "version: 2", "version", "must be 1")]
    // Unknown keys are refused as in every other protocol file (a misspelt section is never silently ignored).
    [InlineData("manualEntry:\n", "manualEntyr:\n", "manualEntyr", "unknown key 'manualEntyr'")]
    [InlineData("version: 1\n", "version: 1\nwindows: P4W\n", "windows", "unknown key 'windows'")]
    [InlineData("  graceAfterClose: P2W\n", "  graceAfterClose: P2W\n  grace: P1W\n", "manualEntry.grace", "unknown key 'grace'")]
    [InlineData("    closesAfter: P4W\n", "    closesAfter: P4W\n    closes: P4W\n", "occasions[0].closes", "unknown key 'closes'")]
    [InlineData("  - after: P7D\n", "  - after: P7D\n    channel: sms\n", "reminders[0].channel", "unknown key 'channel'")]
    [InlineData("  until: \"20:00\"\n", "  until: \"20:00\"\n  days: weekdays\n", "allowedHours.days", "unknown key 'days'")]
    [InlineData("  afterLastReminder: P7D\n", "  afterLastReminder: P7D\n  assignee: coordinator\n", "phoneTask.assignee", "unknown key 'assignee'")]
    [InlineData("messages:\n", "messages:\n  thanks: {}\n", "messages.thanks", "unknown key 'thanks'")]
    [InlineData("      emailSubject: \"Questionnaire from the IPS study\"\n", "      emailSubject: \"Questionnaire from the IPS study\"\n      emailFrom: x\n",
        "messages.invitation.en.emailFrom", "unknown key 'emailFrom'")]
    public void Parse_InvalidValue_ErrorNamesFilePathAndRule(string valid, string invalid, string path, string rule)
    {
        Assert.Contains(valid, Valid, StringComparison.Ordinal);
        var yaml = ReplaceFirst(Valid, valid, invalid);

        var error = Assert.Throws<ProtocolFileException>(() => FollowupProtocolLoader.Parse(yaml, "followup.yaml"));

        Assert.Equal("followup.yaml", error.First.File);
        Assert.Equal("$." + path, error.First.Path);
        Assert.Contains(rule, error.First.Rule, StringComparison.Ordinal);
        Assert.StartsWith($"followup.yaml: $.{path} (line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingLanguage_ErrorNamesMissingPath()
    {
        var yaml = Valid.Replace("    en:\n      emailSubject: \"Questionnaire from the IPS study\"", "    xx:\n      emailSubject: \"Questionnaire from the IPS study\"", StringComparison.Ordinal);

        var error = Assert.Throws<ProtocolFileException>(() => FollowupProtocolLoader.Parse(yaml, "followup.yaml"));

        Assert.Equal("$.messages.invitation", error.First.Path);
        Assert.Contains("unsupported language 'xx'", error.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingSection_ErrorSaysRequired()
    {
        var yaml = Valid.Replace("phoneTask:\n  afterLastReminder: P7D\n", "", StringComparison.Ordinal);

        var error = Assert.Throws<ProtocolFileException>(() => FollowupProtocolLoader.Parse(yaml, "followup.yaml"));

        Assert.Equal("$.phoneTask", error.First.Path);
        Assert.Contains("required", error.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenYaml_ErrorNamesFileAndLine()
    {
        var error = Assert.Throws<ProtocolFileException>(() => FollowupProtocolLoader.Parse("occasions: [\n  - x", "followup.yaml"));

        Assert.StartsWith("followup.yaml: $ (line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ErrorNamesFile()
    {
        var error = Assert.Throws<ProtocolFileException>(() => FollowupProtocolLoader.Load("/nonexistent/followup.yaml"));

        Assert.Equal("followup.yaml", error.First.File);
        Assert.Contains("/nonexistent/followup.yaml", error.First.Rule, StringComparison.Ordinal);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }
}
