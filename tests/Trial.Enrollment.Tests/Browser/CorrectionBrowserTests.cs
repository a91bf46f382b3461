using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// A coordinator corrects a wrongly entered screening and records a re-consent from the participant's page, in
/// Chromium; every page reached is screenshotted and checked with axe-core.
/// </summary>
[Trait("db", "postgres")]
[Collection(OversightBrowserCollection.Name)]
public sealed class CorrectionBrowserTests(BrowserTrialFixture fixture)
{
    private static readonly Instant Enrolment = Instant.FromUtc(2014, 11, 1, 12, 0);

    [ChromiumFact]
    public async Task Coordinator_CorrectsAScreeningThatExcludedThePersonByMistake()
    {
        fixture.App.Clock.Reset(Enrolment);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 260_301,
            new(TestPeople.AllYes) { ["wants-work"] = false }, "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync($"/participants/{id}");
        Assert.Equal("Ikke aktuell", (await page.InnerTextAsync("#state")).Trim());
        // The form starts from what was recorded.
        Assert.True(await page.IsCheckedAsync("#f-correction-c-wants-work-1"));
        await page.CheckPageAsync("correction-1-excluded-nb");

        // No reason chosen: the form says so, and nothing is changed.
        await page.CheckAsync("#f-correction-c-wants-work-0");
        await page.ClickAsync("#save-correction");
        Assert.Equal(1, await page.Locator("fieldset[aria-invalid=true]").CountAsync());
        Assert.Equal("Ikke aktuell", (await page.InnerTextAsync("#state")).Trim());
        await page.CheckPageAsync("correction-2-reason-missing-nb");

        await page.CheckAsync("#f-correction-c-wants-work-0");
        await page.CheckAsync("#f-correction-reasonCode-0");
        await page.FillAsync("#f-correction-note", "Svaret ble lest feil");
        await page.ClickAsync("#save-correction");

        Assert.Equal("Screenet, aktuell", (await page.InnerTextAsync("#state")).Trim());
        Assert.Contains("Screeningen er rettet", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal("01.11.2014", (await page.InnerTextAsync("#screening-corrected")).Trim());
        Assert.Equal(1, await page.Locator("#consent-form").CountAsync());
        await page.CheckPageAsync("correction-3-corrected-nb");

        // After randomisation no correction is offered.
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(oslo, id, on: "2014-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, id, "correction-browser")).StatusCode);
        await page.GotoAsync($"/participants/{id}?lang=en");
        Assert.Equal(0, await page.Locator("#correction-form").CountAsync());
        await page.CheckPageAsync("correction-4-randomised-no-correction-en");
    }

    [ChromiumFact]
    public async Task Coordinator_CorrectsSeverityAndEducation_AndAnUnknownCodeIsNamedOnTheForm()
    {
        fixture.App.Clock.Reset(Enrolment);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 260_303, screenedOn: "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync($"/participants/{id}");
        Assert.False(await page.IsCheckedAsync("#f-correction-severity-0"));
        Assert.Contains("Alvorlig psykisk lidelse", await page.InnerTextAsync("#f-correction-severity"), StringComparison.Ordinal);
        Assert.Contains("Universitet/høgskole", await page.InnerTextAsync("#f-correction-education"), StringComparison.Ordinal);

        // A code the protocol does not know (a changed form): the field is named, its message is under it, nothing is written.
        await page.EvalOnSelectorAsync("#f-correction-severity-0", "e => e.value = 'extreme'");
        await page.CheckAsync("#f-correction-severity-0");
        await page.CheckAsync("#f-correction-reasonCode-0");
        await page.ClickAsync("#save-correction");
        Assert.Equal("true", await page.GetAttributeAsync("#f-correction-severity", "aria-invalid"));
        Assert.Contains("Alvorlighetsgrad (MINI): Velg ett av alternativene", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("Velg ett av alternativene.", (await page.InnerTextAsync("#f-correction-severity-error")).Trim());
        await page.CheckPageAsync("correction-5-unknown-severity-nb");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
            Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Subject == id.ToString() && e.Action == "screening.corrected"));
            Assert.Null((await db.Participants.AsNoTracking().SingleAsync(p => p.Id == id)).Severity);
        }

        await page.CheckAsync("#f-correction-severity-0");
        await page.CheckAsync("#f-correction-education-3");
        await page.CheckAsync("#f-correction-reasonCode-0");
        await page.ClickAsync("#save-correction");
        Assert.Contains("Screeningen er rettet", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.True(await page.IsCheckedAsync("#f-correction-severity-0"));
        Assert.True(await page.IsCheckedAsync("#f-correction-education-3"));
        await page.CheckPageAsync("correction-6-severity-education-nb");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var corrected = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Participants.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal(("severe", "higher"), (corrected.Severity, corrected.Education));
        }

        // NAV may not record (or see) the clinical severity: its coordinator is offered education only.
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(oslo, id, on: "2014-11-01")).StatusCode);
        var nav = await fixture.SignedInAsync("coord.oslo.nav", english: true);
        await nav.GotoAsync($"/participants/{id}");
        Assert.Equal(0, await nav.Locator("#f-correction-severity").CountAsync());
        Assert.True(await nav.IsCheckedAsync("#f-correction-education-3"));
        Assert.Contains("University/college", await nav.InnerTextAsync("#f-correction-education"), StringComparison.Ordinal);
        await nav.CheckPageAsync("correction-7-nav-education-only-en");
    }

    [ChromiumFact]
    public async Task Coordinator_RecordsReconsentOnTheNewForm_InEnglish()
    {
        // Its own service: the protocol has consent form 1.1, in force from 1 June 2014.
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser_reconsent", registerFollowup: false,
            transport: TestTransport.Loopback, protocolDirectory: RepositoryPaths.CopyOfIpsProtocolWithNewConsentForm());
        var id = await TrialApi.ConsentedAsync(await app.ClientAsync("coord.oslo"), "oslo", 260_302);
        var page = await fixture.SignedInAsync("coord.oslo", english: true, app: app);
        await page.GotoAsync($"/participants/{id}");
        Assert.Contains("version 1.1 is now in force", await page.InnerTextAsync("#reconsent-lead"), StringComparison.Ordinal);
        await page.CheckPageAsync("reconsent-1-due-en");
        var secondTab = await page.Context.NewPageAsync();
        await secondTab.GotoAsync($"/participants/{id}");

        await page.ClickAsync("#save-reconsent");

        Assert.Contains("re-consent has been recorded", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Contains("1.1", await page.InnerTextAsync("#reconsented"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#reconsent-form").CountAsync());
        await page.CheckPageAsync("reconsent-2-recorded-en");

        // The same form submitted again from a second tab is refused on the page, not recorded twice.
        await secondTab.ClickAsync("#save-reconsent");
        Assert.Contains("already on the form in force", await secondTab.InnerTextAsync("main"), StringComparison.Ordinal);
        await secondTab.CheckPageAsync("reconsent-3-second-tab-refused-en");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries
            .CountAsync(e => e.Subject == id.ToString() && e.Action == "consent.reconsented"));
    }
}
