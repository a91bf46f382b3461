using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Contact;
using Trial.Followup.Export;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>
/// The whole participant path in real headless Chromium against a real host and PostgreSQL: the schedule opens the
/// 6-month occasion, the outbox sends the invitation SMS with a link, the participant opens it, saves half-way,
/// comes back, answers everything, submits, and the scores appear in the data-package export.
/// </summary>
[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class BrowserFlowTests : IDisposable
{
    private readonly string _package = Directory.CreateTempSubdirectory("followup-e2e-").FullName;

    public void Dispose() => Directory.Delete(_package, recursive: true);

    [ChromiumFact]
    public async Task Participant_AnswersSixMonthQuestionnaireInChromium_ScoresAppearInExport()
    {
        await using var host = await QuestionnaireHost.StartAsync(FollowupDatabase.Postgres, "e2e_browser");
        var (participant, occasion) = await host.ScheduleAsync(language: "nb-NO");
        await host.Services.GetRequiredService<OccasionSweep>().OpenDueAsync(CancellationToken.None);
        await host.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(1, CancellationToken.None);
        var sms = await File.ReadAllTextAsync(Directory.GetFiles(host.SmsDirectory).Single());
        var link = new Uri(Regex.Match(sms, @"http://127\.0\.0\.1:[0-9]+/q/[A-Za-z0-9_-]{43}").Value);

        await using var chromium = await ChromiumBrowser.StartAsync();
        var page = await chromium.NewPageAsync(phone: true);
        await page.GotoAsync(link.ToString());
        await page.CheckPageAsync("followup-questionnaire-1-nb");
        var answered = await page.EvaluateAsync<int>(QuestionnaireFormScript.AnswerThisPage);
        await page.ClickAsync("#save");
        await page.Locator("#saved").WaitForAsync();
        await page.CheckPageAsync("followup-questionnaire-1-saved-nb");
        await page.Context.CloseAsync();

        // A new tab later: the link opens where the participant stopped (part 2), with part 1 kept.
        page = await chromium.NewPageAsync(phone: true);
        await page.GotoAsync(link.ToString());
        var progress = await page.Locator("#progress").InnerTextAsync();
        await page.CheckPageAsync("followup-questionnaire-2-resumed-nb");
        answered += await QuestionnaireFormScript.AnswerEverythingAsync(page);
        await page.CheckPageAsync("followup-questionnaire-thanks-nb");
        var message = await page.Locator("#message").InnerTextAsync();

        var files = await host.Services.GetRequiredService<IFollowupExport>().WriteFilesAsync(_package, new Dictionary<ParticipantRef, string> { [participant] = "P-0042-E2" }, new Dictionary<ParticipantRef, NodaTime.Instant>(), CancellationToken.None);
        var scores = await File.ReadAllLinesAsync(Path.Combine(_package, files[2].Name));

        Assert.Equal("Del 2 av 16", progress.Trim());
        Assert.Equal(82, answered); // every item but the EQ VAS number field
        Assert.Equal("Svarene dine er mottatt. Du kan lukke denne siden.", message.Trim());
        Assert.Equal(OccasionState.Completed, await host.StateAsync(occasion));
        Assert.Contains("P-0042-E2,6m,hads,total,14,14,14,false", scores);
        Assert.Contains("P-0042-E2,6m,eq5d-vas,vas,70,1,1,false", scores);
        Assert.Contains("P-0042-E2,6m,ladder,step,6,1,1,false", scores);
    }
}
