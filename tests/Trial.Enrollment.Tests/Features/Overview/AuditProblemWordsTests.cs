using System.Text.RegularExpressions;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Overview;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Tests.Features.Overview;

/// <summary>
/// The chain check's problems on the auditor's page are written in the page's language from the resources, one
/// sentence per kind with its values put in; the API's and the command line's English sentence is the English
/// resource's. A kind without a text in either language fails here (and in PageTextTests), not on an auditor's screen.
/// </summary>
public sealed partial class AuditProblemWordsTests
{
    private static readonly AuditProblem[] EveryKind = Enum.GetValues<AuditProblemKind>()
        .Select(k => AuditProblem.Of(k, "v0-" + k, "v1-" + k, "v2-" + k, "v3-" + k, "v4-" + k)).ToArray();

    [Theory]
    [InlineData(TextLanguage.NbNo, "Revisjonsloggen er endret eller har hull", "Kjede «v0-EntryEdited», hendelse v1-EntryEdited (id v2-EntryEdited): innholdet stemmer ikke med hashen (endret).")]
    [InlineData(TextLanguage.En, "The audit trail has been altered or has gaps", "chain 'v0-EntryEdited' entry v1-EntryEdited (id v2-EntryEdited): content does not match its hash (edited).")]
    public async Task EveryProblemKind_IsWrittenInThePagesLanguage(TextLanguage language, string heading, string edited)
    {
        var items = await ProblemItemsAsync(language, heading);

        Assert.Equal(EveryKind.Length, items.Count);
        Assert.Contains(edited, items);
        Assert.All(items, item => Assert.DoesNotContain("audit.problem", item, StringComparison.Ordinal));
        // Each sentence names the values of its kind (the first one at least: chain, research ID, kept head, participant).
        Assert.All(EveryKind.Zip(items), pair => Assert.Contains(pair.First.Values[0], pair.Second, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApisEnglishSentence_IsTheEnglishPagesSentence_AndDiffersFromTheNorwegian()
    {
        var english = await ProblemItemsAsync(TextLanguage.En, "The audit trail has been altered or has gaps");
        var norwegian = await ProblemItemsAsync(TextLanguage.NbNo, "Revisjonsloggen er endret eller har hull");
        Assert.Equal(EveryKind.Select(p => p.Message), english);
        Assert.All(english.Zip(norwegian), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal("entry-edited", AuditProblem.Of(AuditProblemKind.EntryEdited).Code);
    }

    /// <summary>Renders the audit page (static SSR, as the endpoint does) with one problem of every kind; returns the listed problems.</summary>
    private static async Task<IReadOnlyList<string>> ProblemItemsAsync(TextLanguage language, string heading)
    {
        var html = await StaticRender.HtmlAsync<AuditPage>(language.Culture(), new()
        {
            [nameof(AuditPage.Verification)] = new AuditVerification(1, 10, EveryKind, new Dictionary<string, string>(), "head"),
            [nameof(AuditPage.Filter)] = new AuditFilter(null, null, null, null, null, 1),
            [nameof(AuditPage.Typed)] = new Dictionary<string, string?>(),
            [nameof(AuditPage.Chains)] = new List<ChoiceOption>(),
            [nameof(AuditPage.Zone)] = "Europe/Oslo",
            [nameof(AuditPage.Language)] = language,
        });
        Assert.Contains(heading, html, StringComparison.Ordinal);
        var verification = html[html.IndexOf("id=\"verification\"", StringComparison.Ordinal)..];
        verification = verification[..verification.IndexOf("</div>", StringComparison.Ordinal)];
        return Item().Matches(verification).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex Item();
}
