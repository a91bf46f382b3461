using Microsoft.Playwright;
using NodaTime;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// The audit-log page in Chromium: the auditor's filters (each one, one that matches nothing, a date that is no date),
/// the chain check, the same page for a trial manager, the refusal a coordinator gets, and a keyboard-only pass. Every
/// page reached is screenshotted and checked with axe-core.
/// </summary>
[Trait("db", "postgres")]
[Collection(OversightBrowserCollection.Name)]
public sealed class AuditBrowserTests(BrowserTrialFixture fixture)
{
    /// <summary>10:00 in Oslo on 7 November 2014: no other browser test's clock stands on this day, so a day filter finds only this test's entries.</summary>
    private static readonly Instant AuditDay = Instant.FromUtc(2014, 11, 7, 9, 0);

    [ChromiumFact]
    public async Task Auditor_TriesEveryFilter_AndSeesTheChainCheck_InBothLanguages()
    {
        var (oslo, hadeland) = await ScreenOnAuditDayAsync(260_401, 260_402);
        var page = await fixture.SignedInAsync("auditor");
        Assert.EndsWith("/audit", page.Url, StringComparison.Ordinal);
        Assert.Contains("Revisjonsloggen er uendret", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        Assert.NotEmpty((await page.InnerTextAsync("#trail-head")).Trim());
        await page.CheckPageAsync("audit-1-log-nb");

        // The day: both screenings (each with its audit entries), and the count says how many rows there are.
        Assert.Equal(200, await FilterAsync(page, from: "07.11.2014", to: "07.11.2014"));
        var rows = await page.Locator("#audit-entries tbody tr").CountAsync();
        Assert.Equal($"{rows} hendelser", (await page.InnerTextAsync("#count")).Trim());
        Assert.Contains(oslo.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.Contains(hadeland.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.Equal("07.11.2014", await page.InputValueAsync("#f-from"));
        // Times in the page's language, in the protocol's zone, which the column names; never ISO on a page.
        Assert.Contains("Tidspunkt (tidssone Europe/Oslo)", await page.InnerTextAsync("#audit-entries thead"), StringComparison.Ordinal);
        Assert.All(await Column(page, 2), at => Assert.Equal("07.11.2014 10:00:00", at));
        Assert.Contains("Studien (felles)", await Column(page, 3));
        await page.CheckPageAsync("audit-2-day-nb");

        Assert.Equal(200, await FilterAsync(page, chain: "oslo", from: "07.11.2014", to: "07.11.2014"));
        Assert.All(await Column(page, 3), chain => Assert.Equal("Oslo", chain));
        Assert.DoesNotContain(hadeland.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-3-chain-nb");

        Assert.Equal(200, await FilterAsync(page, action: "screening.", from: "07.11.2014", to: "07.11.2014"));
        Assert.NotEmpty(await Column(page, 5));
        Assert.All(await Column(page, 5), action => Assert.StartsWith("screening.", action, StringComparison.Ordinal));

        Assert.Equal(200, await FilterAsync(page, actor: "coord.hadeland", from: "07.11.2014", to: "07.11.2014"));
        Assert.All(await Column(page, 4), actor => Assert.Equal("coord.hadeland", actor));
        Assert.Contains(hadeland.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.DoesNotContain(oslo.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-4-actor-nb");

        // Nothing matches: said in words, no empty table.
        Assert.Equal(200, await FilterAsync(page, action: "no-such-action"));
        Assert.Equal("Ingen hendelser passer til filteret.", (await page.InnerTextAsync("#count")).Trim());
        Assert.Equal(0, await page.Locator("#audit-entries").CountAsync());
        await page.CheckPageAsync("audit-5-nothing-nb");

        // A date that is no date: an error naming the field, what was typed kept, and no list (not the unfiltered log).
        Assert.Equal(400, await FilterAsync(page, from: "31.02.2014"));
        Assert.Equal("true", await page.GetAttributeAsync("#f-from", "aria-invalid"));
        Assert.Contains("Fra dato: Skriv datoen som dd.mm.åååå.", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("31.02.2014", await page.InputValueAsync("#f-from"));
        Assert.Equal(0, await page.Locator("#audit-entries").CountAsync());
        await page.CheckPageAsync("audit-6-bad-date-nb");
        Assert.Equal(400, await FilterAsync(page, from: "08.11.2014", to: "07.11.2014"));
        Assert.Contains("Til dato: Til-datoen er før fra-datoen.", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);

        await page.GotoAsync("/audit?lang=en");
        Assert.Contains("The audit trail is intact", await page.InnerTextAsync("#verification"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-7-log-en");
        Assert.Equal(200, await FilterAsync(page, chain: "hadeland", from: "07/11/2014", to: "07/11/2014"));
        Assert.Contains(hadeland.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.All(await Column(page, 3), chain => Assert.Equal("Hadeland", chain));
        Assert.Contains("Time (time zone Europe/Oslo)", await page.InnerTextAsync("#audit-entries thead"), StringComparison.Ordinal);
        Assert.All(await Column(page, 2), at => Assert.Equal("07/11/2014 10:00:00", at));
        await page.CheckPageAsync("audit-8-chain-en");
        Assert.Equal(200, await FilterAsync(page, actor: "nobody"));
        Assert.Equal("No entries match the filter.", (await page.InnerTextAsync("#count")).Trim());
        Assert.Equal(400, await FilterAsync(page, to: "7.11.14"));
        Assert.Contains("To date: Write the date as dd/mm/yyyy.", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-9-bad-date-en");
    }

    [ChromiumFact]
    public async Task AuditLog_IsForTheAuditorsCentresAndTheTrialManager_AndRefusesACoordinatorOnAPage()
    {
        var (oslo, hadeland) = await ScreenOnAuditDayAsync(260_403, 260_404);

        // An auditor of Hadeland sees Hadeland's chain and the trial's, never Oslo's.
        var local = await fixture.SignedInAsync("auditor.hadeland");
        await local.GotoAsync("/audit?from=07.11.2014&to=07.11.2014");
        Assert.Contains(hadeland.ToString(), await local.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.DoesNotContain(oslo.ToString(), await local.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        Assert.Equal(0, await local.Locator("#f-chain option[value=oslo]").CountAsync());
        await local.GotoAsync("/audit?chain=oslo");
        Assert.Equal("Ingen hendelser passer til filteret.", (await local.InnerTextAsync("#count")).Trim());

        // The trial manager may read the log, and the menu leads there.
        var manager = await fixture.SignedInAsync("manager", english: true);
        await manager.GotoAsync("/participants");
        await manager.ClickAsync("nav.site-menu a[href='/audit']");
        Assert.Equal("page", await manager.GetAttributeAsync("nav.site-menu a[href='/audit']", "aria-current"));
        Assert.Equal("Audit log", (await manager.InnerTextAsync("h1")).Trim());
        Assert.Equal(200, await FilterAsync(manager, chain: "oslo", from: "07/11/2014", to: "07/11/2014"));
        Assert.Contains(oslo.ToString(), await manager.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        await manager.CheckPageAsync("audit-manager-en");

        // A coordinator gets the refusal page in the layout (menu, language choice), in words, not a bare 403.
        var coordinator = await fixture.SignedInAsync("coord.oslo");
        Assert.Equal(403, (await coordinator.GotoAsync("/audit"))!.Status);
        Assert.Equal("Ingen tilgang", (await coordinator.InnerTextAsync("h1")).Trim());
        Assert.Equal("Rollen din gir ikke tilgang til denne siden.", (await coordinator.InnerTextAsync("#message")).Trim());
        Assert.True(await coordinator.Locator("nav.site-menu").IsVisibleAsync());
        Assert.Equal(0, await coordinator.Locator("#audit-entries, #verification").CountAsync());
        await coordinator.CheckPageAsync("audit-coordinator-refused-nb");
        Assert.Equal(403, (await coordinator.GotoAsync("/audit?lang=en"))!.Status);
        Assert.Equal("Your role does not give access to this page.", (await coordinator.InnerTextAsync("#message")).Trim());
        await coordinator.CheckPageAsync("audit-coordinator-refused-en");
    }

    [ChromiumFact]
    public async Task Auditor_FiltersWithTheKeyboardOnly()
    {
        var (oslo, _) = await ScreenOnAuditDayAsync(260_405, 260_406);
        var page = await fixture.SignedInAsync("auditor");
        await page.GotoAsync("/audit");

        // The first Tab reaches the skip link, and Enter on it puts the focus on the page's content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hopp til innholdet", await page.EvaluateAsync<string>("document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));

        // Tab on through the filters in reading order, typing into each; Enter on the button sends the form.
        var visited = new List<string>();
        for (var presses = 0; presses < 40 && !visited.Contains("filter"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("document.activeElement.id");
            visited.Add(focused);
            switch (focused)
            {
                case "f-chain":
                    // A closed select changes with the arrow keys: down from "all" to the first centre, Oslo.
                    await page.Keyboard.PressAsync("ArrowDown");
                    break;
                case "f-action":
                    await page.Keyboard.TypeAsync("screening.");
                    break;
                case "f-from" or "f-to":
                    await page.Keyboard.TypeAsync("07.11.2014");
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageChecks.ScreenshotFolder, $"audit-keyboard-{focused}-nb.png") });
                    break;
            }
        }
        Assert.Equal(["f-chain", "f-action", "f-actor", "f-from", "f-to", "filter"], visited.Where(id => id.StartsWith("f-", StringComparison.Ordinal) || id == "filter"));
        var answer = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => new Uri(r.Url).AbsolutePath == "/audit");
        Assert.Equal(200, answer.Status);
        Assert.Equal("oslo", await page.InputValueAsync("#f-chain"));
        Assert.All(await Column(page, 5), action => Assert.StartsWith("screening.", action, StringComparison.Ordinal));
        Assert.All(await Column(page, 3), chain => Assert.Equal("Oslo", chain));
        Assert.Contains(oslo.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-keyboard-result-nb");
    }

    /// <summary>Screens one person at Oslo (health trust) and one at Hadeland (NAV) on the audit day: entries in both centres' chains.</summary>
    private async Task<(Guid Oslo, Guid Hadeland)> ScreenOnAuditDayAsync(int osloPerson, int hadelandPerson)
    {
        fixture.App.Clock.Reset(AuditDay);
        var oslo = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", osloPerson, screenedOn: "2014-11-07"));
        var hadeland = await TrialApi.ScreenedIdAsync(
            await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.hadeland"), "hadeland", hadelandPerson, screenedOn: "2014-11-07"));
        return (oslo, hadeland);
    }

    /// <summary>Fills every filter (empty ones cleared), sends the form with its button and returns the answer's status.</summary>
    private static async Task<int> FilterAsync(IPage page, string chain = "", string action = "", string actor = "", string from = "", string to = "")
    {
        await page.SelectOptionAsync("#f-chain", chain);
        await page.FillAsync("#f-action", action);
        await page.FillAsync("#f-actor", actor);
        await page.FillAsync("#f-from", from);
        await page.FillAsync("#f-to", to);
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#filter"), r => new Uri(r.Url).AbsolutePath == "/audit");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return answer.Status;
    }

    /// <summary>The texts of one column of the log (1 is the entry number; 2 the time, 3 the chain, 4 the user, 5 the action).</summary>
    private static async Task<IReadOnlyList<string>> Column(IPage page, int column) =>
        (await page.Locator($"#audit-entries tbody tr > :nth-child({column})").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
