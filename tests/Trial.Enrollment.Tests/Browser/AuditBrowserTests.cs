using System.Net;
using System.Text.Json;
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
        // The content is what an auditor reads: at 1280 px its column gets the width the six short columns leave (it was
        // a sixth of the log, wrapping JSON into a tall thin column), and a screening's fields are listed by name with
        // their values (no JSON quotes).
        Assert.InRange(await ContentShareAsync(page), 0.33, 1);
        Assert.Contains("researchId", await page.Locator("#audit-entries dl.audit-content dt").AllInnerTextsAsync());
        Assert.Contains("hadeland", await page.Locator("#audit-entries dl.audit-content dd").AllInnerTextsAsync());
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

        // A page number that is no number (or a chain that is no chain) is the page itself with the error naming the
        // field, status 400, not the framework's JSON; the page field is shown to mend it, and nothing is listed.
        var badPage = (await page.GotoAsync("/audit?page=abc"))!;
        Assert.Equal(400, badPage.Status);
        Assert.StartsWith("text/html", badPage.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("Side: Skriv et sidetall: et helt tall fra 1 og oppover.", await page.InnerTextAsync("#errors"), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#f-page", "aria-invalid"));
        Assert.Equal("abc", await page.InputValueAsync("#f-page"));
        Assert.Equal(0, await page.Locator("#audit-entries").CountAsync());
        Assert.DoesNotContain(" at Trial.", await page.ContentAsync(), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-6b-bad-page-nb");
        Assert.Equal(400, (await page.GotoAsync("/audit?page=0&chain=nowhere"))!.Status);
        var errors = await page.InnerTextAsync("#errors");
        Assert.Contains("Kjede: Velg ett av alternativene.", errors, StringComparison.Ordinal);
        Assert.Contains("Side: Skriv et sidetall", errors, StringComparison.Ordinal);

        // The language link keeps the filters and the page: the same entries, in English, dates in the English form.
        await page.GotoAsync("/audit?chain=oslo&action=screening.&from=07.11.2014&to=07.11.2014&page=1");
        Assert.Equal("?chain=oslo&action=screening.&from=07.11.2014&to=07.11.2014&page=1&lang=en", await page.GetAttributeAsync("nav.language a", "href"));
        var switched = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("nav.language a"), r => new Uri(r.Url).AbsolutePath == "/audit");
        Assert.Equal(200, switched.Status);
        Assert.Equal("Audit log", (await page.InnerTextAsync("h1")).Trim());
        Assert.Equal(("oslo", "screening.", "07/11/2014", "07/11/2014"), (await page.InputValueAsync("#f-chain"), await page.InputValueAsync("#f-action"),
            await page.InputValueAsync("#f-from"), await page.InputValueAsync("#f-to")));
        Assert.All(await Column(page, 3), chain => Assert.Equal("Oslo", chain));
        Assert.Contains(oslo.ToString(), await page.InnerTextAsync("#audit-entries"), StringComparison.Ordinal);
        await page.CheckPageAsync("audit-6c-switched-en");

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

        // On a phone each entry is a stack of labelled lines: nothing wider than the screen, the content as wide as the entry.
        // (The column headings stay for screen readers, clipped to nothing, so they are not measured.)
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (language, step) in new[] { ("en", "audit-10-phone-en"), ("nb-NO", "audit-11-phone-nb") })
        {
            await page.GotoAsync($"/audit?from=2014-11-07&to=2014-11-07&lang={language}");
            Assert.Empty(await page.WiderThanWindowAsync(except: "#audit-entries thead"));
            Assert.InRange(await ContentShareAsync(page), 0.6, 1);
            await page.CheckPageAsync(step);
        }
    }

    /// <summary>The width of the first entry's content cell as a share of the log's width.</summary>
    private static async Task<double> ContentShareAsync(IPage page) => await page.EvaluateAsync<double>("""
        () => document.querySelector('#audit-entries tbody tr td:last-child').getBoundingClientRect().width
            / document.querySelector('#audit-entries').getBoundingClientRect().width
        """);

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
        // Another centre's chain is refused, saying why, not answered with an empty list that reads as "nothing happened".
        Assert.Equal(403, (await local.GotoAsync("/audit?chain=oslo"))!.Status);
        Assert.Equal("Du har ikke tilgang til dette senteret.", (await local.InnerTextAsync("#message")).Trim());
        Assert.Equal(0, await local.Locator("#audit-entries, #verification").CountAsync());
        await local.CheckPageAsync("audit-other-centre-refused-nb");

        // The API the same: ProblemDetails 403 for the other centre, 400 naming each field that cannot be read, and the
        // entries of the auditor's own centre.
        var api = await fixture.App.ClientAsync("auditor.hadeland");
        var refused = await api.GetAsync("/api/audit/entries?chain=oslo");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using (var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("forbidden", refusal.RootElement.GetProperty("code").GetString());
            Assert.Contains("'oslo'", refusal.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var malformed = await api.GetAsync("/api/audit/entries?page=abc&from=2014-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using (var invalid = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()))
        {
            var fields = invalid.RootElement.GetProperty("errors");
            Assert.Equal("Write a page number: a whole number from 1 up.", fields.GetProperty("page")[0].GetString());
            Assert.Equal("Write the date as dd/mm/yyyy.", fields.GetProperty("from")[0].GetString());
        }
        using (var own = JsonDocument.Parse(await api.GetStringAsync("/api/audit/entries?chain=hadeland&from=2014-11-07&to=2014-11-07")))
        {
            var subjects = own.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("subject").GetString()).ToList();
            Assert.Contains(hadeland.ToString(), subjects);
            Assert.DoesNotContain(oslo.ToString(), subjects);
        }

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
