using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// A refused page says which rule refused, from the refusal's type: another centre's participant, a page the role may
/// not open, and the whole-trial pages for a manager of some centres; each in both languages, screenshotted, axe.
/// </summary>
[Trait("db", "postgres")]
[Collection(BrowserCollection.Name)]
public sealed class RefusalBrowserTests(BrowserTrialFixture fixture)
{
    [ChromiumFact]
    public async Task RefusalPages_SayWhy_NotYourCentre_NotYourRole_NotTheWholeTrial_InBothLanguages()
    {
        fixture.App.Clock.Reset(CoordinatorBrowserTests.Enrolment);
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", 260_411, screenedOn: "2014-10-01"));

        // A health-trust coordinator at Hadeland opens an Oslo participant's address.
        var otherCentre = await fixture.SignedInAsync("coord.hadeland.ht");
        await RefusedAsync(otherCentre, $"/participants/{id}", "Du har ikke tilgang til dette senteret.", "refusal-centre-nb");
        await RefusedAsync(otherCentre, $"/participants/{id}?lang=en", "You have no access to this centre.", "refusal-centre-en");
        Assert.DoesNotContain("Person 260411", await otherCentre.ContentAsync(), StringComparison.Ordinal);

        // An auditor may not screen, whatever their centres; a statistician does not follow up participants.
        var auditor = await fixture.SignedInAsync("auditor");
        await RefusedAsync(auditor, "/screen", "Rollen din gir ikke tilgang til denne siden.", "refusal-role-nb");
        await RefusedAsync(auditor, "/screen?lang=en", "Your role does not give access to this page.", "refusal-role-en");
        var statistician = await fixture.SignedInAsync("statistician");
        await RefusedAsync(statistician, "/followup/centres/oslo", "Rollen din gir ikke tilgang til denne siden.", "refusal-followup-role-nb");

        // A trial manager of Hadeland only may not manage the trial's staff.
        var partial = await fixture.SignedInAsync("manager.hadeland");
        // Its menu does not offer the pages that would be refused.
        await partial.GotoAsync("/manager");
        Assert.Equal(0, await partial.Locator("nav.site-menu a[href='/manager/users'], nav.site-menu a[href='/manager/trial']").CountAsync());
        Assert.Equal(1, await partial.Locator("nav.site-menu a[href='/audit']").CountAsync());
        await RefusedAsync(partial, "/manager/users", "Bare en studieleder for alle sentrene kan gjøre dette.", "refusal-whole-trial-nb");
        await RefusedAsync(partial, "/manager/users?lang=en", "Only a trial manager of every centre may do this.", "refusal-whole-trial-en");
    }

    private static async Task RefusedAsync(Microsoft.Playwright.IPage page, string url, string message, string step)
    {
        Assert.Equal(403, (await page.GotoAsync(url))!.Status);
        Assert.Equal(message, (await page.InnerTextAsync("#message")).Trim());
        Assert.True(await page.Locator("nav.site-menu").IsVisibleAsync());
        await page.CheckPageAsync(step);
    }
}
