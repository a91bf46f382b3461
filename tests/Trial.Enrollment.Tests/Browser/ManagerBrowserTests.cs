using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// The trial manager's pages in Chromium: the overview (CONSORT, recruitment chart), closing the trial, staff users,
/// paper allocation and a mistaken randomisation; each with the people who may not act, and a form error. Every page
/// reached is screenshotted and checked with axe-core.
/// </summary>
[Trait("db", "postgres")]
[Collection(OversightBrowserCollection.Name)]
public sealed class ManagerBrowserTests(BrowserTrialFixture fixture)
{
    private static readonly Instant Enrolment = Instant.FromUtc(2014, 11, 1, 12, 0);

    [ChromiumFact]
    public async Task Manager_SeesConsortAndRecruitmentChart_InBothLanguages()
    {
        fixture.App.Clock.Reset(Enrolment);
        // The first participant of each arm, with the coordinator who randomised them.
        var arms = new Dictionary<string, (HttpClient Client, Guid Id)>(StringComparer.Ordinal);
        async Task RandomiseAsync(HttpClient client, string centre, int person)
        {
            var id = await TrialApi.ConsentedAsync(client, centre, person, "2014-10-01");
            var allocated = await TrialApi.RandomiseAsync(client, id, $"manager-overview-{person}");
            Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
            arms.TryAdd((await allocated.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("arm").GetString()!, (client, id));
        }
        foreach (var (user, centre, person) in new[] { ("coord.oslo", "oslo", 260_101), ("coord.hadeland", "hadeland", 260_102) })
        {
            await RandomiseAsync(await fixture.App.ClientAsync(user), centre, person);
        }
        // A withdrawal in each arm, for CONSORT's per-arm follow-up boxes: randomise more until both arms have someone.
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        for (var person = 260_150; arms.Count < 2; person++)
        {
            Assert.True(person < 260_190, "forty randomisations never reached both arms");
            await RandomiseAsync(oslo, "oslo", person);
        }
        // Each by the coordinator of the participant's centre.
        foreach (var (arm, scope) in new[] { ("ips", "intervention"), ("control", "data-collection") })
        {
            Assert.True((await arms[arm].Client.PostAsJsonAsync($"/api/participants/{arms[arm].Id}/withdrawals", new { scope, effectiveOn = "2014-11-01", reason = "moved" })).IsSuccessStatusCode, arm);
        }
        await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", 260_103, new(TestPeople.AllYes) { ["wants-work"] = false }, "2014-10-01");

        var page = await fixture.SignedInAsync("manager");
        await page.GotoAsync("/manager");
        Assert.True(await page.Locator("#consort").IsVisibleAsync());
        Assert.True(await page.Locator("#recruitment-chart").IsVisibleAsync());
        var consort = await page.TextContentAsync("#consort") ?? "";
        Assert.Contains("Ekskludert", consort, StringComparison.Ordinal);
        Assert.Contains("Individuell jobbstøtte (IPS)", consort, StringComparison.Ordinal);
        // Each arm's withdrawals under its own box, by scope (other tests of this trial may add to the counts).
        Assert.Matches("^Trukket seg \\(n\u00A0=\u00A0[1-9][0-9]*\\).*• Tiltaket: [1-9]", await page.TextContentAsync("#withdrawn-ips") ?? "");
        Assert.Matches("^Trukket seg \\(n\u00A0=\u00A0[1-9][0-9]*\\).*• Videre datainnsamling: [1-9]", await page.TextContentAsync("#withdrawn-control") ?? "");
        Assert.True(int.Parse(await page.InnerTextAsync("#recruitment-table tr:has(th:text-is('Hadeland')) td:last-child")) >= 1);
        // The month ticks under the chart, whole (a decimal comma in their positions once showed "11.14" as a stray "1"),
        // in time order, and each drawn where it stands.
        var ticks = await page.Locator("#recruitment-chart text.x-tick").AllTextContentsAsync();
        Assert.True(ticks.Count >= 2);
        Assert.All(ticks, tick => Assert.Matches("^(0[1-9]|1[0-2])\\.[0-9]{2}$", tick));
        var months = ticks.Select(t => new LocalDate(2000 + int.Parse(t[3..]), int.Parse(t[..2]), 1)).ToList();
        Assert.All(months.Zip(months.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        var widths = await page.Locator("#recruitment-chart text.x-tick").EvaluateAllAsync<double[]>("ts => ts.map(t => t.getBBox().width)");
        Assert.All(widths, width => Assert.InRange(width, 20, 60));
        Assert.Empty(await ConsortTextOutsideItsBoxAsync(page));
        await page.CheckPageAsync("manager-1-overview-nb");

        await page.GotoAsync("/manager?lang=en");
        Assert.Contains("Individual Placement and Support (IPS)", await page.TextContentAsync("#consort"), StringComparison.Ordinal);
        // The English arm name, which ran out of its box, takes two lines inside it.
        Assert.True(await page.Locator("#consort g.box text:has-text('Individual Placement') tspan").CountAsync() >= 2);
        Assert.Matches("^Withdrawn \\(n\u00A0=\u00A0[1-9][0-9]*\\).*• Further data collection: [1-9]", await page.TextContentAsync("#withdrawn-control") ?? "");
        Assert.Empty(await ConsortTextOutsideItsBoxAsync(page));
        await page.CheckPageAsync("manager-2-overview-en");

        // A coordinator does not get the trial's overview.
        var coordinator = await fixture.SignedInAsync("coord.oslo");
        Assert.Equal(403, (await coordinator.GotoAsync("/manager"))!.Status);
    }

    /// <summary>
    /// Every CONSORT text that Chromium draws outside its box (or a text outside the drawing), measured with the face
    /// the page really uses: each text's bounding box against its box's rectangle.
    /// </summary>
    private static async Task<string[]> ConsortTextOutsideItsBoxAsync(Microsoft.Playwright.IPage page) => await page.EvaluateAsync<string[]>("""
        () => {
          const svg = document.querySelector('#consort');
          const inside = (b, r) => b.x >= r.x && b.y >= r.y && b.x + b.width <= r.x + r.width && b.y + b.height <= r.y + r.height;
          const outside = [];
          for (const box of svg.querySelectorAll('g.box')) {
            const rect = box.querySelector('rect').getBBox();
            for (const text of box.querySelectorAll('text')) {
              if (!inside(text.getBBox(), rect)) outside.push(text.textContent);
            }
          }
          const view = svg.viewBox.baseVal;
          for (const text of svg.querySelectorAll('text')) {
            if (!inside(text.getBBox(), view)) outside.push(text.textContent);
          }
          return outside;
        }
        """);

    [ChromiumFact]
    public async Task Manager_AddsResetsAndDisablesAUser()
    {
        var page = await fixture.SignedInAsync("manager");
        await page.GotoAsync("/manager/users");
        // Organisations are named in the page's language (the protocol's nb-NO and en names), never the other one.
        Assert.Equal("Uni Research (prosjektkontoret)", (await page.InnerTextAsync("#user-manager td:nth-of-type(3)")).Trim());
        Assert.Equal("Sykehuset Innlandet", (await page.InnerTextAsync("#f-organisation option[value=sykehuset-innlandet]")).Trim());
        await page.CheckPageAsync("manager-users-1-list-nb");
        await page.GotoAsync("/manager/users?lang=en");
        Assert.Equal("Uni Research (trial office)", (await page.InnerTextAsync("#user-manager td:nth-of-type(3)")).Trim());
        Assert.Equal("Innlandet Hospital Trust", (await page.InnerTextAsync("#f-organisation option[value=sykehuset-innlandet]")).Trim());
        await page.CheckPageAsync("manager-users-1-list-en");
        await page.GotoAsync("/manager/users?lang=nb-NO");
        await page.FillAsync("#f-username", "coord.nordre");
        await page.FillAsync("#f-displayName", "Nora Koordinator");
        await page.SelectOptionAsync("#f-role", "coordinator");
        await page.SelectOptionAsync("#f-organisation", "nav-hadeland");
        await page.CheckAsync("#f-centres-0");
        await page.ClickAsync("#save-user");

        // Oslo is not NAV Hadeland's centre: refused on the field, nothing added, everything typed kept.
        Assert.Equal("true", await page.GetAttributeAsync("#f-centres", "aria-invalid"));
        Assert.Equal("coord.nordre", await page.InputValueAsync("#f-username"));
        Assert.True(await page.IsCheckedAsync("#f-centres-0"));
        Assert.Equal(0, await page.Locator("#user-coord\\.nordre").CountAsync());
        await page.CheckPageAsync("manager-users-2-error-nb");
        await page.UncheckAsync("#f-centres-0");
        await page.CheckAsync("#f-centres-1");
        await page.ClickAsync("#save-user");

        var password = (await page.InnerTextAsync("#new-password")).Trim();
        Assert.Equal(20, password.Length);
        Assert.Contains("Aktiv", await page.InnerTextAsync("#user-coord\\.nordre"), StringComparison.Ordinal);
        await page.CheckPageAsync("manager-users-3-added-nb");
        var newUser = await fixture.SignedInAsync("coord.nordre", password: password);
        Assert.EndsWith("/participants", newUser.Url, StringComparison.Ordinal);

        await page.ClickAsync("#user-coord\\.nordre >> text=Nytt passord");
        var reset = (await page.InnerTextAsync("#new-password")).Trim();
        Assert.NotEqual(password, reset);
        // The reset ends the user's session.
        Assert.Contains("/login", (await newUser.GotoAsync("/participants"))!.Url, StringComparison.Ordinal);
        await page.ClickAsync("#user-coord\\.nordre >> text=Deaktiver");
        Assert.Contains("Deaktivert", await page.InnerTextAsync("#user-coord\\.nordre"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#user-coord\\.nordre button").CountAsync());
        await page.CheckPageAsync("manager-users-4-disabled-nb");
        var refused = await fixture.SignedInAsync("coord.nordre", password: reset);
        Assert.Contains("/login", refused.Url, StringComparison.Ordinal);

        // Only a trial manager of every centre manages users.
        var partial = await fixture.SignedInAsync("manager.hadeland", english: true);
        Assert.Equal(403, (await partial.GotoAsync("/manager/users"))!.Status);
        await partial.CheckPageAsync("manager-users-refused-en");
        var coordinator = await fixture.SignedInAsync("coord.oslo");
        Assert.Equal(403, (await coordinator.GotoAsync("/manager/users"))!.Status);
    }

    [ChromiumFact]
    public async Task Manager_EntersAPaperAllocation_ThenMarksItMistaken()
    {
        fixture.App.Clock.Reset(Enrolment);
        var id = await TrialApi.ConsentedAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", 260_104, "2014-10-01");
        var coordinator = await fixture.SignedInAsync("coord.oslo");
        await coordinator.GotoAsync($"/participants/{id}");
        Assert.Equal(0, await coordinator.Locator("#paper-form").CountAsync());

        var page = await fixture.SignedInAsync("manager");
        await page.GotoAsync($"/participants/{id}");
        await page.FillAsync("#f-paper-randomisedOn", "15.10.2014");
        await page.ClickAsync("#save-paper");
        Assert.Equal("true", await page.GetAttributeAsync("#f-paper-arm", "aria-invalid"));
        Assert.Equal("15.10.2014", await page.InputValueAsync("#f-paper-randomisedOn"));
        await page.CheckPageAsync("manager-paper-1-error-nb");
        await page.SelectOptionAsync("#f-paper-arm", "control");
        Assert.Contains("Ingen nettforbindelse", await page.InnerTextAsync("#f-paper-code"), StringComparison.Ordinal);
        await page.CheckAsync("#f-paper-code-1");
        await page.FillAsync("#f-paper-reason", "Tjenesten var nede under et nettverksbrudd");
        await page.ClickAsync("#save-paper");

        Assert.Equal("Randomisert", (await page.InnerTextAsync("#state")).Trim());
        Assert.Equal("Ordinær oppfølging", (await page.InnerTextAsync("#arm")).Trim());
        Assert.Equal(0, await page.Locator("#paper-form").CountAsync());
        await page.CheckPageAsync("manager-paper-2-entered-nb");
        // A coordinator is not offered the trial manager's mark.
        await coordinator.ReloadAsync();
        Assert.Equal(0, await coordinator.Locator("#mistaken-form").CountAsync());

        await page.ClickAsync("#save-mistaken");
        Assert.Equal("true", await page.GetAttributeAsync("#f-mistaken-reason", "aria-invalid"));
        await page.CheckAsync("#f-mistaken-code-2");
        await page.FillAsync("#f-mistaken-reason", "Samme person screenet to ganger");
        await page.ClickAsync("#save-mistaken");
        Assert.True(await page.Locator("#mistaken").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#mistaken-form").CountAsync());
        await page.CheckPageAsync("manager-paper-3-mistaken-nb");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var randomisation = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Randomisations.SingleAsync(r => r.ParticipantId == id);
        Assert.True(randomisation.Mistaken);
        Assert.Equal("duplicate", randomisation.MistakenReason);
        Assert.Equal("control", randomisation.Arm);
        // The code chosen on the page is what research data holds; the words are a sealed note.
        Assert.Equal("no-connection", randomisation.PaperReason);
    }

    /// <summary>Closing the trial cannot be undone, so this test has a service of its own (the shared browser).</summary>
    [ChromiumFact]
    public async Task Manager_ClosesRecruitment_ThenLocksFollowup()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser-lock", registerFollowup: false,
            transport: TestTransport.Loopback);
        var screened = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await app.ClientAsync("coord.oslo"), "oslo", 260_106, screenedOn: "2014-10-01"));
        var partial = await fixture.SignedInAsync("manager.hadeland", app: app);
        Assert.Equal(403, (await partial.GotoAsync("/manager/trial"))!.Status);

        var page = await fixture.SignedInAsync("manager", english: true, app: app);
        await page.GotoAsync("/manager/trial");
        Assert.Equal("Open: recruitment and follow-up under way", (await page.InnerTextAsync("#stage")).Trim());
        await page.CheckPageAsync("manager-lock-1-open-en");
        await page.ClickAsync("#lock-next");
        Assert.Equal("true", await page.GetAttributeAsync("#f-reason", "aria-invalid"));
        await page.CheckPageAsync("manager-lock-2-reason-missing-en");
        await page.FillAsync("#f-reason", "Planned sample size reached");
        await page.ClickAsync("#lock-next");

        Assert.Equal("Recruitment is closed", (await page.InnerTextAsync("#stage")).Trim());
        Assert.Contains("Planned sample size reached", await page.InnerTextAsync("#lock-status"), StringComparison.Ordinal);
        await page.CheckPageAsync("manager-lock-3-recruitment-closed-en");
        // A coordinator's screening is now refused on the page, in words.
        var coordinator = await fixture.SignedInAsync("coord.oslo", english: true, app: app);
        await coordinator.GotoAsync("/screen");
        await coordinator.FillAsync("#f-screenedOn", "2014-10-01");
        await coordinator.FillAsync("#f-name", "Late Person");
        await coordinator.FillAsync("#f-nationalId", TestPeople.NationalId(260_105));
        await coordinator.FillAsync("#f-phone", "+4790000105");
        await coordinator.CheckAsync("#f-language-1");
        foreach (var criterion in TestPeople.AllYes.Keys)
        {
            await coordinator.CheckAsync($"#f-c-{criterion}-0");
        }
        await coordinator.ClickAsync("#save-screening");
        Assert.Contains("Recruitment is closed.", await coordinator.InnerTextAsync("#errors"), StringComparison.Ordinal);
        // An eligible person's page no longer offers consent: the lock stops it.
        await coordinator.GotoAsync($"/participants/{screened}");
        Assert.Equal(0, await coordinator.Locator("#consent-form").CountAsync());
        Assert.True(await coordinator.Locator("#no-actions").IsVisibleAsync());

        await page.FillAsync("#f-reason", "Last 18-month window closed");
        await page.ClickAsync("#lock-next");
        Assert.Equal("Follow-up is locked", (await page.InnerTextAsync("#stage")).Trim());
        Assert.Equal(0, await page.Locator("#lock-form").CountAsync());
        await page.CheckPageAsync("manager-lock-4-followup-locked-en");
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(LockStage.FollowupLocked, await TrialLocks.StageAsync(scope.ServiceProvider.GetRequiredService<TrialDbContext>(), CancellationToken.None));
    }
}
