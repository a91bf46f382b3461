using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.EndToEnd;

/// <summary>
/// Issue 4 end to end, on one real host and PostgreSQL: a coordinator screens, consents and randomises a participant
/// through the API; six months later the open sweep and the outbox send the invitation SMS; the participant answers
/// the questionnaire in headless Chromium (the host listens on loopback); the lock's data package
/// carries the scored result.
/// </summary>
[Trait("db", "postgres")]
public sealed class ParticipantJourneyTests : IDisposable
{
    private readonly string _package = Path.Combine(Path.GetTempPath(), "trial-journey-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_package))
        {
            Directory.Delete(_package, recursive: true);
        }
    }

    [Fact]
    public async Task Participant_RandomisedThroughService_AnswersSixMonthQuestionnaireAndScoreIsExported()
    {
        var sent = new ConcurrentQueue<OutgoingSms>();
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "journey", registerFollowup: false,
            replace: services => services.AddSingleton<ISmsChannel>(new QueuedSms(sent)), transport: TestTransport.Loopback);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var screened = await oslo.PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo",
            screenedOn = "2014-11-01",
            person = new { name = "Person 240000", nationalId = TestPeople.NationalId(240_000), email = "p240000@example.org", phone = "+4791234567", language = "nb-NO" },
            answers = TestPeople.AllYes,
        });
        var id = await TrialApi.ScreenedIdAsync(screened);
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(oslo, id, on: "2014-11-01")).StatusCode);
        var randomised = await TrialApi.RandomiseAsync(oslo, id, "journey-1", on: "2014-11-01");
        Assert.Equal(HttpStatusCode.Created, randomised.StatusCode);
        var researchId = (await randomised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("researchId").GetString()!;

        // 2015-04-20 12:00 in Oslo: the 6-month window (due 2015-05-01, opens two weeks before) is open, inside allowed hours.
        app.Clock.Reset(Instant.FromUtc(2015, 4, 20, 10, 0));
        Assert.Equal(1, await app.Services.GetRequiredService<OccasionSweep>().OpenDueAsync(CancellationToken.None));
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(1, CancellationToken.None);
        var sms = Assert.Single(sent);
        Assert.Equal("+4791234567", sms.To);
        var link = new Uri(Regex.Match(sms.Text, @"http://127\.0\.0\.1:[0-9]+/q/[A-Za-z0-9_-]{43}").Value);

        await using var chromium = await ChromiumBrowser.StartAsync();
        var page = await chromium.NewPageAsync(phone: true);
        await page.GotoAsync(link.ToString());
        await QuestionnaireFormScript.AnswerEverythingAsync(page);
        var message = (await page.Locator("#message").InnerTextAsync()).Trim();
        Assert.Equal("Svarene dine er mottatt. Du kan lukke denne siden.", message);

        await using var scope = app.Services.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(_package, "statistician", CancellationToken.None);
        var scores = await File.ReadAllLinesAsync(Path.Combine(_package, "responses_scores.csv"));
        Assert.Contains($"{researchId},6m,hads,total,14,14,14,false", scores);
        var listed = Assert.Single(manifest.Files, f => f.Name == "responses_scores.csv");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_package, "responses_scores.csv")))), listed.Sha256);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_package, "manifest.json"))).RootElement;
        Assert.Contains(json.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "responses_scores.csv"
            && f.GetProperty("sha256").GetString() == listed.Sha256);
    }

    /// <summary>The SMS provider as the participant's phone sees it.</summary>
    private sealed class QueuedSms(ConcurrentQueue<OutgoingSms> sent) : ISmsChannel
    {
        public Task SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
        {
            sent.Enqueue(sms);
            return Task.CompletedTask;
        }
    }
}
