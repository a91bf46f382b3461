using System.Globalization;
using Trial.Enrollment.Tests.Features.Overview;
using Trial.Followup.Coordinator;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>
/// Follow-up's link to a participant in its worklists. Follow-up does not know research IDs; the trial service gives
/// them through IResearchIds, and a Follow-up host without one (or a participant it has no ID for) shows a link that
/// says what it does, in the page's language, still to the participant's page.
/// </summary>
public sealed class FollowupParticipantLinkTests
{
    private static readonly Guid Participant = Guid.Parse("6f1c2a8e-0b7d-4c55-9d2e-3a4b5c6d7e8f");

    [Theory]
    [InlineData("nb-NO", "Åpne deltakeren")]
    [InlineData("en", "Open the participant")]
    public async Task WithoutAResearchId_TheLinkSaysOpenTheParticipant_InThePagesLanguage(string culture, string words)
    {
        var html = await Render(culture, null);
        Assert.Equal($"<a class=\"ds-link participant-link\" href=\"/participants/{Participant}\">{words}</a>", html);
    }

    [Fact]
    public async Task WithAResearchId_TheLinkIsTheResearchId()
    {
        var html = await Render("en", "IPS-OSL-0042");
        Assert.Equal($"<a class=\"ds-link participant-link\" href=\"/participants/{Participant}\">IPS-OSL-0042</a>", html);
    }

    /// <summary>The link as the browser reads it (the renderer writes "Å" as a character reference).</summary>
    private static async Task<string> Render(string culture, string? researchId) =>
        System.Net.WebUtility.HtmlDecode(await StaticRender.HtmlAsync<ParticipantLink>(CultureInfo.GetCultureInfo(culture), new()
        {
            [nameof(ParticipantLink.Participant)] = Participant,
            [nameof(ParticipantLink.ResearchId)] = researchId,
        }));
}
