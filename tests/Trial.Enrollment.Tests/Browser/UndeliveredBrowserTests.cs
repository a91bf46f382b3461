using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// A message that did not reach the person shows on the person's own page, not only on the centre's follow-up page:
/// with no SMTP relay configured (as in this fixture) the 6-month invitation by e-mail is held, and the coordinator
/// opening the participant sees it, in Norwegian and in English, through the one staff layout (axe-checked). A message
/// that failed and waits for its next try is shown too, with its tries, the error in words and the time of the next try.
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

    /// <summary>
    /// A service configured like a deployment (Trial:Smtp with STARTTLS, a pinned certificate and a user) whose relay
    /// refuses its password: the invitation is not sent and waits for its next try, and the coordinator sees that on
    /// the participant's page and the centre's follow-up page instead of nothing until the tries run out.
    /// </summary>
    [ChromiumFact]
    public async Task RelayRefusesThePassword_RetryingEmailShownWithErrorInWordsAndNextTry_InNorwegianAndEnglish()
    {
        using var certificate = SmtpTestCertificate.Create();
        await using var relay = await SmtpSink.StartAsync(new SmtpSinkOptions { Tls = SmtpSinkTls.StartTls, Certificate = certificate, Login = new("trial", "the-right-one") });
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser_retrying", registerFollowup: false, transport: TestTransport.Loopback,
            settings: [$"--Trial:Smtp:Host={relay.Host}", $"--Trial:Smtp:Port={relay.Port}", "--Trial:Smtp:Tls=StartTls",
                $"--Trial:Smtp:TrustedCertificateFile={certificate.CertificateFile}", "--Trial:Smtp:UserName=trial", "--Trial:Smtp:Password=a-wrong-one"]);
        await TrialApi.SetSeedAsync(app);
        app.Clock.Reset(CoordinatorBrowserTests.Enrolment);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 269_003, screenedOn: "2014-10-01"));
        await TrialApi.ConsentAsync(oslo, id, on: "2014-10-01");
        await TrialApi.RandomiseAsync(oslo, id, "browser-retrying", on: null);
        app.Clock.Reset(CoordinatorBrowserTests.SixMonthsLater); // 12:00 in Oslo
        await app.Services.GetRequiredService<OccasionSweep>().OpenDueAsync(CancellationToken.None);
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(1, CancellationToken.None);
        Assert.Empty(relay.Messages());
        Assert.All(relay.AuthAttempts(), a => Assert.Equal((true, false), (a.OverTls, a.Accepted)));
        Assert.NotEmpty(relay.AuthAttempts());

        var page = await fixture.SignedInAsync("coord.oslo", app: app);
        await page.GotoAsync($"/participants/{id}");
        var row = (await page.InnerTextAsync("#undelivered tbody tr")).Trim();
        Assert.Contains("Feilet – prøves igjen", row, StringComparison.Ordinal);
        Assert.Contains("E-postserveren avviste tjenestens brukernavn eller passord", row, StringComparison.Ordinal);
        Assert.Contains("smtp-auth", row, StringComparison.Ordinal);
        Assert.Equal("20.04.2015 12:05:00", (await page.InnerTextAsync("#undelivered tbody tr .next-try")).Trim());
        Assert.Equal(0, await page.Locator("#no-relay").CountAsync());
        // The relay's own count of failed attempts (it, not the message, is backed off: RelayBackoff).
        Assert.Contains("Forsøk på rad der e-postserveren har feilet: 1.", await page.InnerTextAsync("#relay-failing"), StringComparison.Ordinal);
        await page.CheckPageAsync("coordinator-participant-retrying-nb");

        var english = await fixture.SignedInAsync("coord.oslo", english: true, app: app);
        await english.GotoAsync("/followup/centres/oslo");
        var listed = (await english.InnerTextAsync("#undelivered tbody tr")).Trim();
        Assert.Contains("Attempts in a row at which the e-mail server failed: 1.", await english.InnerTextAsync("#relay-failing"), StringComparison.Ordinal);
        Assert.Contains("Failed – will be tried again", listed, StringComparison.Ordinal);
        Assert.Contains("The e-mail server refused the service's user name or password", listed, StringComparison.Ordinal);
        Assert.Equal("20/04/2015 12:05:00", (await english.InnerTextAsync("#undelivered tbody tr .next-try")).Trim());
        // The person is named by research ID, linked to their page, on the centre's list in both languages.
        var researchId = (await oslo.GetFromJsonAsync<JsonElement>($"/api/participants/{id}")).GetProperty("researchId").GetString()!;
        Assert.Equal(researchId, (await english.InnerTextAsync($"#undelivered tbody tr a[href='/participants/{id}']")).Trim());
        Assert.Equal("Participant", (await english.InnerTextAsync("#undelivered thead th:first-child")).Trim());
        await english.CheckPageAsync("coordinator-followup-retrying-en");
        await page.GotoAsync("/followup/centres/oslo");
        Assert.Equal(researchId, (await page.InnerTextAsync($"#undelivered tbody tr a[href='/participants/{id}']")).Trim());
        Assert.Equal("Deltaker", (await page.InnerTextAsync("#undelivered thead th:first-child")).Trim());

        using var api = JsonDocument.Parse(await oslo.GetStringAsync("/api/followup/centres/oslo/undelivered-messages"));
        var message = Assert.Single(api.RootElement.EnumerateArray(), m => m.GetProperty("channel").GetString() == "Email");
        Assert.Equal(("Retrying", "smtp-auth", 0, "2015-04-20T10:05:00Z"),
            (message.GetProperty("state").GetString(), message.GetProperty("error").GetString(), message.GetProperty("tries").GetInt32(),
             message.GetProperty("nextAttemptAt").GetString()));
        Assert.Equal(1, message.GetProperty("relayAttempts").GetInt32());
    }
}
