using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// A message that did not reach the person shows on the person's own page, not only on the centre's follow-up page:
/// with no SMTP relay configured (as in this fixture) the 6-month invitation by e-mail is held, and the coordinator
/// opening the participant sees it, in Norwegian and in English, through the one staff layout (axe-checked).
/// </summary>
[Trait("db", "postgres")]
[Collection(BrowserCollection.Name)]
public sealed class UndeliveredBrowserTests(BrowserTrialFixture fixture)
{
    [ChromiumFact]
    public async Task ParticipantPage_ShowsTheHeldEmail_InNorwegianAndEnglish()
    {
        fixture.App.Clock.Reset(CoordinatorBrowserTests.Enrolment);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 269_001, screenedOn: "2014-10-01"));
        await TrialApi.ConsentAsync(oslo, id, on: "2014-10-01");
        await TrialApi.RandomiseAsync(oslo, id, "browser-undelivered", on: null);
        await fixture.SendInvitationsAsync(CoordinatorBrowserTests.SixMonthsLater, "+4790010001");

        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync($"/participants/{id}");
        Assert.Equal("Meldinger som ikke er sendt", (await page.InnerTextAsync("#undelivered-heading")).Trim());
        var row = (await page.InnerTextAsync("#undelivered tbody tr")).Trim();
        Assert.Contains("Holdt tilbake (ingen SMTP-server)", row, StringComparison.Ordinal);
        Assert.Contains("no-relay", row, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#no-relay").CountAsync());
        await page.CheckPageAsync("coordinator-participant-undelivered-nb");

        var english = await fixture.SignedInAsync("coord.oslo", english: true);
        await english.GotoAsync($"/participants/{id}");
        Assert.Equal("Messages not sent", (await english.InnerTextAsync("#undelivered-heading")).Trim());
        Assert.Contains("Held (no SMTP relay)", await english.InnerTextAsync("#undelivered tbody tr"), StringComparison.Ordinal);
        await english.CheckPageAsync("coordinator-participant-undelivered-en");
    }

    [ChromiumFact]
    public async Task ParticipantPage_WithEveryMessageSent_HasNoUndeliveredSection()
    {
        fixture.App.Clock.Reset(CoordinatorBrowserTests.Enrolment);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 269_002, screenedOn: "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync($"/participants/{id}");
        Assert.Equal(0, await page.Locator("#undelivered").CountAsync());
    }
}
