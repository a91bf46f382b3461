using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// Dates are typed and shown in the page's language, not the browser's locale: a Chromium set to American English
/// gets dd.mm.åååå on Norwegian pages, and one set to Norwegian gets dd/mm/yyyy (day first, as en-GB) on English pages.
/// </summary>
[Trait("db", "postgres")]
[Collection(BrowserCollection.Name)]
public sealed class DateEntryBrowserTests(BrowserTrialFixture fixture)
{
    private static readonly Instant Enrolment = Instant.FromUtc(2014, 11, 5, 12, 0);

    private async Task<LocalDate?> ConsentOnAsync(Guid id)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Participants.AsNoTracking().SingleAsync(p => p.Id == id)).ConsentOn;
    }

    [ChromiumFact]
    public async Task NorwegianPage_InAnAmericanBrowser_TakesAndShowsDayMonthYearWithDots()
    {
        fixture.App.Clock.Reset(Enrolment);
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", 260_501, screenedOn: "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.oslo", browserLocale: "en-US");
        await page.GotoAsync($"/participants/{id}");
        Assert.Equal("text", await page.GetAttributeAsync("#f-consentedOn", "type"));
        Assert.Contains("dd.mm.åååå", await page.InnerTextAsync("#f-consentedOn-hint"), StringComparison.Ordinal);
        Assert.Contains("01.10.2014", await page.InnerTextAsync("#facts"), StringComparison.Ordinal);

        // Not a date (31 February): refused on the field, kept as typed, nothing written.
        await page.CheckAsync("#f-decision-0");
        await page.CheckAsync("#f-registerLinkage-0");
        await page.FillAsync("#f-consentedOn", "31.02.2014");
        await page.ClickAsync("#save-consent");
        Assert.Equal("true", await page.GetAttributeAsync("#f-consentedOn", "aria-invalid"));
        Assert.Equal("31.02.2014", await page.InputValueAsync("#f-consentedOn"));
        Assert.Null(await ConsentOnAsync(id));
        await page.CheckPageAsync("dates-1-invalid-nb-in-en-us-browser");

        await page.FillAsync("#f-consentedOn", "3.11.2014");
        await page.ClickAsync("#save-consent");
        Assert.Contains("Samtykke", await page.InnerTextAsync("#notice"), StringComparison.Ordinal);
        Assert.Equal(new LocalDate(2014, 11, 3), await ConsentOnAsync(id));
        Assert.Contains("03.11.2014", await page.InnerTextAsync("#facts"), StringComparison.Ordinal);
        await page.CheckPageAsync("dates-2-consent-nb-in-en-us-browser");
    }

    [ChromiumFact]
    public async Task EnglishPage_InANorwegianBrowser_TakesAndShowsDayFirstWithSlashes()
    {
        fixture.App.Clock.Reset(Enrolment);
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", 260_502, screenedOn: "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.oslo", english: true, browserLocale: "nb-NO");
        await page.GotoAsync($"/participants/{id}");
        Assert.Contains("dd/mm/yyyy", await page.InnerTextAsync("#f-consentedOn-hint"), StringComparison.Ordinal);

        await page.CheckAsync("#f-decision-0");
        await page.CheckAsync("#f-registerLinkage-0");
        // 3 November, not 11 March: day first, whatever the browser's locale.
        await page.FillAsync("#f-consentedOn", "03/11/2014");
        await page.ClickAsync("#save-consent");

        Assert.Equal(new LocalDate(2014, 11, 3), await ConsentOnAsync(id));
        Assert.Contains("03/11/2014", await page.InnerTextAsync("#facts"), StringComparison.Ordinal);
        Assert.Contains("01/10/2014", await page.InnerTextAsync("#facts"), StringComparison.Ordinal);
        await page.CheckPageAsync("dates-3-consent-en-in-nb-browser");

        // The same form on the withdrawal card starts empty and shows its hint in English too.
        Assert.Contains("dd/mm/yyyy", await page.InnerTextAsync("#f-effectiveOn-hint"), StringComparison.Ordinal);
    }
}
