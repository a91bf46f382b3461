using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// The coordinator's list of who must consent again (/reconsents), in Chromium with axe-core: only the user's centre
/// and organisation, linked to the re-consent form, gone from the list once recorded; refused to a role that does not enrol.
/// </summary>
[Trait("db", "postgres")]
[Collection(OversightBrowserCollection.Name)]
public sealed class ReconsentDueBrowserTests(BrowserTrialFixture fixture)
{
    [ChromiumFact]
    public async Task Coordinator_SeesWhoIsDueAtTheirCentre_AndRecordsTheReconsentFromTheList()
    {
        // Its own service: the protocol has consent form 1.1, in force from 1 June 2014.
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser_reconsent_due", registerFollowup: false,
            transport: TestTransport.Loopback, protocolDirectory: RepositoryPaths.CopyOfIpsProtocolWithNewConsentForm());
        var oslo = await app.ClientAsync("coord.oslo");
        var due = await TrialApi.ConsentedAsync(oslo, "oslo", 260_401);
        var screenedOnly = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 260_402));
        var otherCentre = await TrialApi.ConsentedAsync(await app.ClientAsync("coord.hadeland.ht"), "hadeland", 260_403);

        var page = await fixture.SignedInAsync("coord.oslo", app: app);
        await page.ClickAsync("nav a[href='/reconsents']");
        await page.WaitForPathAsync(path => path == "/reconsents");
        Assert.Contains("versjon 1.1 gjelder nå", await page.InnerTextAsync("#reconsents-lead"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#reconsents tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator($"a[href='/participants/{due}#reconsent-form']").CountAsync());
        Assert.Equal(0, await page.Locator($"a[href^='/participants/{screenedOnly}']").CountAsync());
        Assert.Equal(0, await page.Locator($"a[href^='/participants/{otherCentre}']").CountAsync());
        await page.CheckPageAsync("reconsents-due-1-list-nb");

        await page.ClickAsync($"a[href='/participants/{due}#reconsent-form']");
        await page.ClickAsync("#save-reconsent");
        Assert.Contains("Det nye samtykket er lagret", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        await page.GotoAsync("/reconsents");
        Assert.Equal(0, await page.Locator("#reconsents").CountAsync());
        await page.CheckPageAsync("reconsents-due-2-empty-nb");

        // The other centre's trial manager (English) sees only that centre; NAV at Oslo sees the consented Oslo people only.
        var manager = await fixture.SignedInAsync("manager.hadeland", english: true, app: app);
        await manager.GotoAsync("/reconsents");
        Assert.Contains("version 1.1 is now in force", await manager.InnerTextAsync("#reconsents-lead"), StringComparison.Ordinal);
        Assert.Equal(1, await manager.Locator($"a[href='/participants/{otherCentre}#reconsent-form']").CountAsync());
        Assert.Equal(1, await manager.Locator("#reconsents tbody tr").CountAsync());
        await manager.CheckPageAsync("reconsents-due-3-other-centre-en");

        // A role that does not enrol gets the refusal page, not the list.
        var statistician = await fixture.SignedInAsync("statistician", english: true, app: app);
        var refused = await statistician.GotoAsync("/reconsents");
        Assert.Equal(403, refused!.Status);
        Assert.Equal(0, await statistician.Locator("#reconsents").CountAsync());
        await statistician.CheckPageAsync("reconsents-due-4-statistician-refused-en");
    }

    [ChromiumFact]
    public async Task Coordinator_GivingANewConsentOnASupersededForm_IsToldOnTheFormVersionField()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser_superseded_form", registerFollowup: false,
            transport: TestTransport.Loopback, protocolDirectory: RepositoryPaths.CopyOfIpsProtocolWithNewConsentForm());
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await app.ClientAsync("coord.oslo"), "oslo", 260_404, screenedOn: "2014-09-01"));
        var page = await fixture.SignedInAsync("coord.oslo", app: app);
        await page.GotoAsync($"/participants/{id}");
        // The form offered first is the one in force today.
        Assert.Equal("1.1", await page.InputValueAsync("#f-formVersion"));

        await page.CheckAsync("#f-decision-0");
        await page.SelectOptionAsync("#f-formVersion", "1.0");
        await page.FillAsync("#f-consentedOn", "2014-10-01");
        await page.CheckAsync("#f-registerLinkage-0");
        await page.ClickAsync("#save-consent");

        Assert.Equal("true", await page.GetAttributeAsync("#f-formVersion", "aria-invalid"));
        Assert.Contains("Versjon av samtykkeskjemaet: Denne versjonen av skjemaet var erstattet", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("Screenet, aktuell", (await page.InnerTextAsync("#state")).Trim());
        await page.CheckPageAsync("consent-superseded-form-nb");
    }
}
