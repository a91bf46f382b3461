using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// Coordinators and participants in real Chromium against the real service: every page reached is screenshotted
/// into the test output (screenshots/) and checked with axe-core; any violation fails the test.
/// </summary>
[Trait("db", "postgres")]
[Collection(BrowserCollection.Name)]
public sealed class CoordinatorBrowserTests(BrowserTrialFixture fixture)
{
    /// <summary>The service's date when the tests randomise: 1 November 2014, 13:00 in Oslo.</summary>
    internal static readonly Instant Enrolment = Instant.FromUtc(2014, 11, 1, 12, 0);

    /// <summary>12:00 in Oslo on 20 April 2015: the 6-month window of a randomisation on 1 November 2014 (due 1 May) is open.</summary>
    internal static readonly Instant SixMonthsLater = Instant.FromUtc(2015, 4, 20, 10, 0);

    [ChromiumFact]
    public async Task Coordinator_ScreensConsentsAndRandomises_InNorwegian()
    {
        fixture.App.Clock.Reset(Enrolment);
        var page = await fixture.SignedInAsync("coord.oslo");
        Assert.EndsWith("/participants", page.Url, StringComparison.Ordinal);
        await page.CheckPageAsync("coordinator-1-participants-nb");

        await page.GotoAsync("/screen");
        await page.CheckPageAsync("coordinator-2-screening-nb");
        await page.FillAsync("#f-screenedOn", "2014-10-01");
        await page.FillAsync("#f-name", "Kari Nordmann");
        await page.FillAsync("#f-nationalId", TestPeople.NationalId(260_001));
        await page.FillAsync("#f-phone", "+4790000001");
        await page.CheckAsync("#f-language-0");
        await page.CheckAsync("#f-c-in-treatment-0");
        await page.CheckAsync("#f-c-wants-work-0");
        await page.ClickAsync("#save-screening");

        // Two criteria left unanswered: errors, nothing counted as "no", and what was typed is still there.
        await page.CheckPageAsync("coordinator-3-screening-errors-nb");
        Assert.Equal(2, await page.Locator("fieldset[aria-invalid=true]").CountAsync());
        // A question's error is in the error colour, not the grey of a description (Designsystemet greys "legend + p").
        var (message, danger) = await ColoursAsync(page, "#f-c-norwegian-error");
        Assert.Equal(danger, message);
        Assert.Equal("Kari Nordmann", await page.InputValueAsync("#f-name"));
        Assert.True(await page.IsCheckedAsync("#f-c-in-treatment-0"));
        await page.CheckAsync("#f-c-norwegian-0");
        await page.CheckAsync("#f-c-no-disability-quarantine-0");
        // The health trust records the MINI severity and the education at screening, in words from the protocol.
        Assert.Contains("Universitet/høgskole", await page.InnerTextAsync("#f-education"), StringComparison.Ordinal);
        await page.CheckAsync("#f-severity-1");
        await page.CheckAsync("#f-education-2");
        await page.ClickAsync("#save-screening");

        Assert.Equal("Screenet, aktuell", (await page.InnerTextAsync("#state")).Trim());
        var screened = Guid.Parse(page.Url.Split('/')[^1].Split('?')[0]);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var person = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Participants.AsNoTracking().SingleAsync(p => p.Id == screened);
            Assert.Equal(("moderate", "upper-secondary"), (person.Severity, person.Education));
        }
        await page.CheckPageAsync("coordinator-4-screened-nb");
        Assert.Equal(0, await page.Locator("#randomise").CountAsync());
        await page.CheckAsync("#f-decision-0");
        await page.FillAsync("#f-consentedOn", "2014-10-01");
        await page.CheckAsync("#f-registerLinkage-0");
        await page.ClickAsync("#save-consent");

        Assert.Equal("Samtykket", (await page.InnerTextAsync("#state")).Trim());
        await page.CheckPageAsync("coordinator-5-consented-nb");
        await page.ClickAsync("#randomise");
        await page.CheckPageAsync("coordinator-6-confirm-randomisation-nb");
        await page.ClickAsync("#confirm-randomise");

        var allocation = await page.InnerTextAsync("#allocation");
        await page.CheckPageAsync("coordinator-7-randomised-nb");
        Assert.Matches("er trukket til: (Individuell jobbstøtte \\(IPS\\)|Ordinær oppfølging)", allocation);
        await page.ClickAsync("text=Tilbake til deltakeren");
        Assert.Equal("Randomisert", (await page.InnerTextAsync("#state")).Trim());
        Assert.Equal(0, await page.Locator("#randomise, #consent-form").CountAsync());
        await page.CheckPageAsync("coordinator-8-participant-randomised-nb");
    }

    [ChromiumFact]
    public async Task NavCoordinator_IsOfferedEducationButNotSeverity_AtScreening()
    {
        fixture.App.Clock.Reset(Enrolment);
        var nav = await fixture.SignedInAsync("coord.oslo.nav", english: true);
        await nav.GotoAsync("/screen");
        Assert.Equal(0, await nav.Locator("#f-severity").CountAsync());
        Assert.Contains("University/college", await nav.InnerTextAsync("#f-education"), StringComparison.Ordinal);
        await nav.CheckPageAsync("screening-nav-education-only-en");
    }

    [ChromiumFact]
    public async Task SecondTab_CannotRandomiseTwice()
    {
        fixture.App.Clock.Reset(Enrolment);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 260_002, "2014-10-01");
        var first = await fixture.SignedInAsync("coord.oslo", english: true);
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync($"/participants/{id}/randomise");
        await second.GotoAsync($"/participants/{id}/randomise");

        await first.ClickAsync("#confirm-randomise");
        var response = await second.RunAndWaitForResponseAsync(() => second.ClickAsync("#confirm-randomise"), r => r.Request.Method == "POST");

        Assert.Contains("has been allocated to", await first.InnerTextAsync("#allocation"), StringComparison.Ordinal);
        Assert.Equal(409, response.Status);
        Assert.Equal("Already randomised", (await second.InnerTextAsync("h1")).Trim());
        // The refusal leads to the participant, where the first tab's allocation can be seen, and so does its language link.
        Assert.Equal($"/participants/{id}", await second.GetAttributeAsync("#to-participant", "href"));
        Assert.Equal($"/participants/{id}?lang=nb-NO", await second.GetAttributeAsync("nav.language a", "href"));
        await second.CheckPageAsync("coordinator-second-tab-refused-en");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Randomisations.CountAsync(r => r.ParticipantId == id));
    }

    [ChromiumFact]
    public async Task CoordinatorAtAnotherCentre_IsRefusedOsloPages()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 260_003, screenedOn: "2014-10-01"));
        var page = await fixture.SignedInAsync("coord.hadeland");

        var participant = await page.GotoAsync($"/participants/{id}");
        Assert.Equal(403, participant!.Status);
        Assert.Equal("Ingen tilgang", (await page.InnerTextAsync("h1")).Trim());
        Assert.DoesNotContain("Person 260003", await page.ContentAsync(), StringComparison.Ordinal);
        await page.CheckPageAsync("coordinator-other-centre-refused-nb");
        var followup = await page.GotoAsync("/followup/centres/oslo");
        Assert.Equal(403, followup!.Status);
        // Asking for another centre's list is refused outright, not silently narrowed.
        var list = await page.GotoAsync("/participants?centre=oslo");
        Assert.Equal(403, list!.Status);
        Assert.DoesNotContain("Person 260003", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task EnglishParticipant_GetsEnglishQuestionnaire_AndAnExpiredLinkSaysSo()
    {
        fixture.App.Clock.Reset(Enrolment);
        var page = await fixture.SignedInAsync("coord.oslo", english: true);
        await page.GotoAsync("/screen");
        await page.FillAsync("#f-screenedOn", "2014-10-01");
        await page.FillAsync("#f-name", "John Smith");
        await page.FillAsync("#f-nationalId", TestPeople.NationalId(260_004));
        await page.FillAsync("#f-phone", "+4790000004");
        await page.CheckAsync("#f-language-1");
        foreach (var criterion in TestPeople.AllYes.Keys)
        {
            await page.CheckAsync($"#f-c-{criterion}-0");
        }
        await page.CheckPageAsync("coordinator-screening-en");
        await page.ClickAsync("#save-screening");
        var id = Guid.Parse(page.Url.Split('/')[^1].Split('?')[0]);
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        await TrialApi.ConsentAsync(oslo, id, on: "2014-10-01");
        await TrialApi.RandomiseAsync(oslo, id, "browser-en", on: null);

        var link = Assert.Single(await fixture.SendInvitationsAsync(SixMonthsLater, "+4790000004"));
        var phone = await fixture.Chromium.NewPageAsync(phone: true);
        await phone.GotoAsync(link);
        Assert.Equal("en", await phone.GetAttributeAsync("html", "lang"));
        Assert.Equal("Follow-up questionnaire – 6 months", (await phone.InnerTextAsync("h1")).Trim());
        Assert.Equal("Part 1 of 16", (await phone.InnerTextAsync("#progress")).Trim());
        await phone.CheckPageAsync("participant-1-questionnaire-en");
        await phone.ClickAsync("#next");
        await phone.CheckPageAsync("participant-2-questionnaire-next-en");

        // Past the window's end the same link explains that it has expired.
        fixture.App.Clock.Reset(Instant.FromUtc(2015, 6, 30, 10, 0));
        await fixture.App.Services.GetRequiredService<OccasionSweep>().CloseMissedAsync(CancellationToken.None);
        var expired = await phone.GotoAsync(link);
        Assert.Equal(410, expired!.Status);
        Assert.Equal("This link has expired", (await phone.InnerTextAsync("h1")).Trim());
        await phone.CheckPageAsync("participant-expired-link-en");
    }

    [ChromiumFact]
    public async Task Participant_AnswersWithTheKeyboardOnly()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await ScreenedWithPhoneAsync(oslo, 260_005, "+4790000005");
        await TrialApi.ConsentAsync(oslo, id, on: "2014-10-01");
        await TrialApi.RandomiseAsync(oslo, id, "browser-keyboard", on: null);
        var link = Assert.Single(await fixture.SendInvitationsAsync(SixMonthsLater, "+4790000005"));
        var page = await fixture.Chromium.NewPageAsync();
        await page.GotoAsync(link);

        // Tab to each question, Space picks its first option, a number field gets typed digits; Enter on "Next"/"Submit".
        for (var presses = 0; presses < 2000 && await page.Locator("#message").CountAsync() == 0; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("(() => { const e = document.activeElement; return e ? (e.id || e.type || e.tagName) + '|' + (e.type || '') : ''; })()");
            if (focused.EndsWith("|radio", StringComparison.Ordinal))
            {
                await page.Keyboard.PressAsync("Space");
            }
            else if (focused.EndsWith("|number", StringComparison.Ordinal))
            {
                await page.Keyboard.TypeAsync("70");
            }
            else if (focused.StartsWith("next|", StringComparison.Ordinal) || focused.StartsWith("submit|", StringComparison.Ordinal))
            {
                // Wait for the post and its redirect: reading the focus during the navigation would find no page.
                await page.EvaluateAsync("window.leaving = true");
                await page.Keyboard.PressAsync("Enter");
                await page.WaitForFunctionAsync("!window.leaving && document.readyState === 'complete'");
            }
        }

        Assert.Equal("Takk!", (await page.InnerTextAsync("h1")).Trim());
        await page.CheckPageAsync("participant-keyboard-thanks-nb");
    }

    [ChromiumFact]
    public async Task Coordinator_EntersAnswersTakenByPhone()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await ScreenedWithPhoneAsync(oslo, 260_006, "+4790000006");
        await TrialApi.ConsentAsync(oslo, id, on: "2014-10-01");
        await TrialApi.RandomiseAsync(oslo, id, "browser-phone", on: null);
        await fixture.SendInvitationsAsync(SixMonthsLater, "+4790000006");
        // No answer after the reminders: the sweep gives the coordinator a phone task.
        var sweep = fixture.App.Services.GetRequiredService<OccasionSweep>();
        for (var day = 1; day <= 35; day++)
        {
            fixture.App.Clock.Reset(SixMonthsLater + Duration.FromDays(day));
            await sweep.RemindDueAsync(CancellationToken.None);
            await sweep.CreatePhoneTasksAsync(CancellationToken.None);
        }
        await fixture.App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(1, CancellationToken.None);

        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync("/followup/centres/oslo");
        // The centre in words, as everywhere else, not its code.
        Assert.Equal("Oppfølging – Oslo", (await page.InnerTextAsync("h1")).Trim());
        // When the figures were read: in the protocol's zone, and written as the date fields write dates (with seconds),
        // not in the server culture's short form.
        var asOf = fixture.App.Clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/Oslo"]).LocalDateTime;
        Assert.Contains(asOf.ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), await page.InnerTextAsync("main"),
            StringComparison.Ordinal);
        // The person to phone is named by research ID, which leads to their page (in either language).
        var researchId = (await oslo.GetFromJsonAsync<JsonElement>($"/api/participants/{id}")).GetProperty("researchId").GetString()!;
        Assert.Equal(researchId, (await page.InnerTextAsync($"#phone-tasks a[href='/participants/{id}']")).Trim());
        Assert.Equal("Deltaker", (await page.InnerTextAsync("#phone-tasks thead th:first-child")).Trim());
        await page.CheckPageAsync("coordinator-followup-worklist-nb");
        var english = await fixture.SignedInAsync("coord.oslo", english: true);
        await english.GotoAsync("/followup/centres/oslo");
        Assert.Equal(researchId, (await english.InnerTextAsync($"#phone-tasks a[href='/participants/{id}']")).Trim());
        Assert.Equal("Participant", (await english.InnerTextAsync("#phone-tasks thead th:first-child")).Trim());
        await page.ClickAsync($"tr:has(a[href='/participants/{id}']) >> text=Registrer svar");
        // During the call the coordinator follows the participant: a list names every form and jumps to it, and the save
        // button is on the screen wherever they are on the page. The button ends the form, so once it is in the document
        // every section is too (reading the headings straight after the click once saw the page half parsed).
        await page.Locator("#store").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var forms = (await page.Locator("form section h2").AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        Assert.True(forms.Count > 1);
        Assert.Equal(forms, (await page.Locator("#jump-list a").AllInnerTextsAsync()).Select(a => a.Trim()));
        Assert.True(await OnScreenAsync(page, "#store"));
        await page.CheckPageAsync("coordinator-phone-answers-nb");
        var lastForm = (await page.Locator("#jump-list a").Last.GetAttributeAsync("href"))!;
        await page.Locator("#jump-list a").Last.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.True(await OnScreenAsync(page, lastForm));
        Assert.True(await OnScreenAsync(page, "#store"));
        var englishEntry = await fixture.SignedInAsync("coord.oslo", english: true);
        await englishEntry.GotoAsync(new Uri(page.Url).PathAndQuery);
        Assert.Equal("Go to form", (await englishEntry.InnerTextAsync("#jump-list-title")).Trim());
        await englishEntry.CheckPageAsync("coordinator-phone-answers-en");
        // A job specialist may take the call on a phone: the page fits its width, in either language.
        await englishEntry.SetViewportSizeAsync(390, 844);
        Assert.Empty(await englishEntry.WiderThanWindowAsync());
        await englishEntry.CheckPageAsync("coordinator-phone-answers-phone-en");
        await page.SetViewportSizeAsync(390, 844);
        Assert.Empty(await page.WiderThanWindowAsync());
        await page.CheckPageAsync("coordinator-phone-answers-phone-nb");
        await page.SetViewportSizeAsync(1280, 900);
        await page.EvaluateAsync<int>(QuestionnaireFormScript.AnswerThisPage);
        await page.CheckAsync("#f-mode-0");
        await page.FillAsync("#f-answeredOn", "2015-04-20");
        await page.ClickAsync("#store");

        Assert.Contains("/followup/centres/oslo?stored=", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#phone-tasks a[href='/participants/{id}']").CountAsync());
        await page.CheckPageAsync("coordinator-followup-after-phone-answer-nb");
    }

    /// <summary>Whether the element is wholly inside the window as it is scrolled now.</summary>
    private static async Task<bool> OnScreenAsync(IPage page, string selector) => await page.EvaluateAsync<bool>("""
        s => { const r = document.querySelector(s).getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }
        """, selector);

    private async Task<Guid> ScreenedWithPhoneAsync(HttpClient client, int person, string phone)
    {
        fixture.App.Clock.Reset(Enrolment);
        var response = await client.PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo",
            screenedOn = "2014-10-01",
            person = new { name = $"Person {person}", nationalId = TestPeople.NationalId(person), phone, language = "nb-NO" },
            answers = TestPeople.AllYes,
        });
        return await TrialApi.ScreenedIdAsync(response);
    }

    /// <summary>The colour an element is drawn in, and the theme's error text colour, both as Chromium computes them.</summary>
    private static async Task<(string Element, string Danger)> ColoursAsync(IPage page, string selector)
    {
        var colours = await page.EvaluateAsync<string[]>("""
            (selector) => {
              const probe = document.createElement('span');
              probe.style.color = 'var(--ds-color-danger-text-subtle)';
              document.body.append(probe);
              const danger = getComputedStyle(probe).color;
              probe.remove();
              return [getComputedStyle(document.querySelector(selector)).color, danger];
            }
            """, selector);
        return (colours[0], colours[1]);
    }
}
