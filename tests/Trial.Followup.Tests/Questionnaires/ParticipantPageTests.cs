using System.Net;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Participants;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Questionnaires;

/// <summary>The participant pages over HTTP on a real host and database; run on both providers by the subclasses.</summary>
public abstract class ParticipantPageTests(FollowupDatabase database)
{
    private Task<QuestionnaireHost> HostAsync(string name) => QuestionnaireHost.StartAsync(database, name);

    private static QuestionnaireTables Tables(QuestionnaireHost host) => new(host.Db.Store.Dialect);

    [Fact]
    public async Task Get_IssuedLink_ShowsShortPages_SplittingLongInstruments_AndEveryInstrumentOverThePages()
    {
        await using var host = await HostAsync("q_get_issued");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);

        var response = await host.Client.GetAsync(link);
        var first = await response.Content.ReadAsStringAsync();
        var html = first;
        var pages = new List<string> { first };
        for (var step = 1; step < 16; step++)
        {
            pages.Add(await host.Client.GetStringAsync(new Uri(link + $"?step={step}")));
        }
        html = string.Concat(pages);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"q.hads.a1\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"q.eq5d-vas.vas\"", first, StringComparison.Ordinal);
        // HADS's 14 items are two pages of 7 (a1, d1, … a4, then d4 … d7); SHC's 29 are four pages; none has over 8 items.
        Assert.Contains("Del 1 av 16", first, StringComparison.Ordinal);
        Assert.Contains("(1 av 2)</h2>", first, StringComparison.Ordinal);
        Assert.Contains("name=\"q.hads.a4\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"q.hads.d4\"", first, StringComparison.Ordinal);
        Assert.Contains("name=\"q.hads.d4\"", pages[1], StringComparison.Ordinal);
        Assert.Equal(4, pages.Count(p => p.Contains("id=\"i-shc\"", StringComparison.Ordinal)));
        Assert.All(pages, p => Assert.InRange(System.Text.RegularExpressions.Regex.Matches(p, "<fieldset|type=\"number\"").Count, 1, QuestionnairePart.MostItems));
        Assert.All(new[] { "q.hads.a1", "q.eq5d-vas.vas", "q.shc.tiredness", "q.chalder.memory", "q.whodas12.s12", "q.audit-c.q3", "q.dudit.q11", "q.ladder.step", "q.work-health.expectation" },
            field => Assert.Contains($"name=\"{field}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_LicensedInstrumentWithoutText_ShowsPlaceholderNotice()
    {
        await using var host = await HostAsync("q_get_placeholder");
        var (_, occasion) = await host.ScheduleAsync(language: "en");
        var html = await host.Client.GetStringAsync(await host.IssueLinkAsync(occasion));
        Assert.Contains("This part shows PLACEHOLDER TEXT", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NorwegianParticipant_PageIsInNorwegian()
    {
        await using var host = await HostAsync("q_get_nb");
        var (_, occasion) = await host.ScheduleAsync(language: "nb-NO");
        var html = await host.Client.GetStringAsync(await host.IssueLinkAsync(occasion));
        Assert.Contains("<html lang=\"nb\">", html, StringComparison.Ordinal);
        Assert.Contains("Oppfølgingsskjema – 6 måneder", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Page_ShowsLastDayToAnswerInParticipantsZone()
    {
        await using var host = await HostAsync("q_get_lastday");
        var (_, occasion) = await host.ScheduleAsync(language: "nb-NO");
        var html = await host.Client.GetStringAsync(await host.IssueLinkAsync(occasion));
        // Due 2026-07-15 + 8 weeks = 2026-09-09, the last day (the window closes at the following midnight, Oslo).
        Assert.Contains("Du kan svare til og med 9. september 2026.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LangQueryEnglish_OverridesOccasionLanguage()
    {
        await using var host = await HostAsync("q_get_lang");
        var (_, occasion) = await host.ScheduleAsync(language: "nb-NO");
        var html = await host.Client.GetStringAsync(new Uri(await host.IssueLinkAsync(occasion) + "?lang=en"));
        Assert.Contains("Follow-up questionnaire – 6 months", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ForgedToken_Returns404()
    {
        await using var host = await HostAsync("q_get_forged");
        var forged = new Uri(host.BaseUrl, "q/" + Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        var response = await host.Client.GetAsync(forged);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Lenken er ikke gyldig", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MalformedToken_Returns404()
    {
        await using var host = await HostAsync("q_get_malformed");
        var response = await host.Client.GetAsync(new Uri(host.BaseUrl, "q/not-a-token"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_AfterOccasionCloses_Returns410Expired()
    {
        await using var host = await HostAsync("q_get_expired");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        host.Clock.AdvanceDays(70); // past due + 8 weeks

        var response = await host.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("Lenken er utløpt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ExpiredLink_Returns410AndWritesNothing()
    {
        await using var host = await HostAsync("q_submit_expired");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        host.Clock.AdvanceDays(70);

        var response = await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(Tables(host).Response, occasion));
    }

    [Fact]
    public async Task Submit_CompleteAnswers_StoresItemsScoresAndCompletesOccasion()
    {
        await using var host = await HostAsync("q_submit_complete");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);

        var response = await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Svarene dine er mottatt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OccasionState.Completed, await host.StateAsync(occasion));
        Assert.Equal(14m, await ScoreAsync(host, occasion, "hads", "total"));
        Assert.Equal(25m, await ScoreAsync(host, occasion, "whodas12", "score"));
        Assert.Equal(83, await host.CountAsync(Tables(host).Item, occasion)); // 14+1+29+11+12+3+11+1+1 items
    }

    [Fact]
    public async Task Submit_MissingRequiredItem_Returns400NamingItAndWritesNothing()
    {
        await using var host = await HostAsync("q_submit_missing");
        var (_, occasion) = await host.ScheduleAsync(language: "en");
        var link = await host.IssueLinkAsync(occasion);
        var fields = FormAnswers.Complete(Guid.NewGuid());
        fields.Remove("q.audit-c.q2");

        var response = await FormAnswers.PostAsync(host.Client, link, fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("href=\"#f-q-audit-c-q2\"", html, StringComparison.Ordinal);
        Assert.Contains("Please answer this question.", html, StringComparison.Ordinal);
        Assert.Equal((0L, OccasionState.Pending), (await host.CountAsync(Tables(host).Response, occasion), await host.StateAsync(occasion)));
    }

    [Fact]
    public async Task Submit_VasOutOfRange_Returns400AndKeepsLinkUsable()
    {
        await using var host = await HostAsync("q_submit_range");
        var (_, occasion) = await host.ScheduleAsync(language: "en");
        var link = await host.IssueLinkAsync(occasion);
        var fields = FormAnswers.Complete(Guid.NewGuid());
        fields["q.eq5d-vas.vas"] = "101";

        var refused = await FormAnswers.PostAsync(host.Client, link, fields);
        fields["q.eq5d-vas.vas"] = "100";
        var accepted = await FormAnswers.PostAsync(host.Client, link, fields);

        Assert.Contains("The answer must be from 0 to 100.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (refused.StatusCode, accepted.StatusCode));
    }

    [Fact]
    public async Task Submit_SameSubmissionTwice_StoresOneResponseAndThanksBoth()
    {
        await using var host = await HostAsync("q_submit_twice");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var fields = FormAnswers.Complete(Guid.NewGuid());

        var first = await FormAnswers.PostAsync(host.Client, link, fields);
        var second = await FormAnswers.PostAsync(host.Client, link, fields);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await host.CountAsync(Tables(host).Response, occasion));
    }

    [Fact]
    public async Task Submit_ReplayWithNewSubmission_Returns409UsedAndWritesNothing()
    {
        await using var host = await HostAsync("q_submit_replay");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid()));
        var replay = FormAnswers.Complete(Guid.NewGuid());
        replay["q.ladder.step"] = "10";

        var response = await FormAnswers.PostAsync(host.Client, link, replay);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Lenken er allerede brukt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(6m, await ScoreAsync(host, occasion, "ladder", "step"));
    }

    [Fact]
    public async Task Submit_OtherLinkOfAnsweredOccasion_Returns409Closed()
    {
        await using var host = await HostAsync("q_submit_other_link");
        var (_, occasion) = await host.ScheduleAsync();
        var invitation = await host.IssueLinkAsync(occasion);
        var reminder = await host.IssueLinkAsync(occasion);
        await FormAnswers.PostAsync(host.Client, invitation, FormAnswers.Complete(Guid.NewGuid()));

        var response = await FormAnswers.PostAsync(host.Client, reminder, FormAnswers.Complete(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, await host.CountAsync(Tables(host).Response, occasion));
    }

    [Fact]
    public async Task Submit_LinkOfOneParticipant_LeavesOtherParticipantsOccasionUntouched()
    {
        await using var host = await HostAsync("q_submit_isolated");
        var (_, mine) = await host.ScheduleAsync();
        var (_, theirs) = await host.ScheduleAsync();
        await host.IssueLinkAsync(theirs);

        await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(mine), FormAnswers.Complete(Guid.NewGuid()));

        Assert.Equal((OccasionState.Completed, OccasionState.Pending), (await host.StateAsync(mine), await host.StateAsync(theirs)));
        Assert.Equal(0, await host.CountAsync(Tables(host).Response, theirs));
    }

    [Fact]
    public async Task SaveDraft_ThenOpenAgain_ShowsSavedAnswers()
    {
        await using var host = await HostAsync("q_save_resume");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var partial = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["submission"] = Guid.NewGuid().ToString("D"), ["action"] = "save", ["q.eq5d-vas.vas"] = "64", ["q.hads.a1"] = "2",
        };

        var saved = await FormAnswers.PostAsync(host.Client, link, partial);
        var savedPage = await host.Client.GetStringAsync(new Uri(link, saved.Headers.Location!));
        var resumed = await host.Client.GetStringAsync(link);
        var vasPage = await host.Client.GetStringAsync(new Uri(link + "?step=2")); // after HADS's two pages

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("id=\"saved\"", savedPage, StringComparison.Ordinal);
        Assert.Matches("name=\"q\\.hads\\.a1\" value=\"2\" checked", resumed);
        Assert.Matches("type=\"number\" name=\"q\\.eq5d-vas\\.vas\" min=\"0\" max=\"100\" value=\"64\"", vasPage);
        Assert.Equal(OccasionState.Pending, await host.StateAsync(occasion));
    }

    [Fact]
    public async Task SaveDraft_OutOfRange_Returns400AndSavesNothing()
    {
        await using var host = await HostAsync("q_save_range");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        var partial = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["submission"] = Guid.NewGuid().ToString("D"), ["action"] = "save", ["q.ladder.step"] = "11",
        };

        var response = await FormAnswers.PostAsync(host.Client, link, partial);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(Tables(host).Draft, occasion));
    }

    [Fact]
    public async Task SaveDraft_AfterSubmission_Returns409AndSavesNothing()
    {
        await using var host = await HostAsync("q_save_used");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid()));

        var response = await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid(), action: "save"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(Tables(host).Draft, occasion));
    }

    [Fact]
    public async Task SaveDraft_ExpiredLink_Returns410AndSavesNothing()
    {
        await using var host = await HostAsync("q_save_expired");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        host.Clock.AdvanceDays(70);

        var response = await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid(), action: "save"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(Tables(host).Draft, occasion));
    }

    [Fact]
    public async Task Get_UsedLink_Returns409Used()
    {
        await using var host = await HostAsync("q_get_used");
        var (_, occasion) = await host.ScheduleAsync();
        var link = await host.IssueLinkAsync(occasion);
        await FormAnswers.PostAsync(host.Client, link, FormAnswers.Complete(Guid.NewGuid()));

        var response = await host.Client.GetAsync(link);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Submit_WithoutSubmissionId_Returns400AndWritesNothing()
    {
        await using var host = await HostAsync("q_submit_noid");
        var (_, occasion) = await host.ScheduleAsync();
        var fields = FormAnswers.Complete(Guid.NewGuid());
        fields.Remove("submission");

        var response = await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(occasion), fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(Tables(host).Response, occasion));
    }

    [Fact]
    public async Task Post_NotAForm_Returns400Page()
    {
        await using var host = await HostAsync("q_post_json");
        var (_, occasion) = await host.ScheduleAsync();
        var response = await host.Client.PostAsync(await host.IssueLinkAsync(occasion), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("big-value")]
    [InlineData("many-fields")]
    [InlineData("long-key")]
    public async Task Post_HostileForm_Returns4xxPageAndStoresNothing(string kind)
    {
        await using var host = await HostAsync("q_post_hostile_" + kind.Replace('-', '_'));
        var (_, occasion) = await host.ScheduleAsync();
        var fields = new List<KeyValuePair<string, string>> { new("submission", Guid.NewGuid().ToString()) };
        switch (kind)
        {
            case "big-value":
                fields.Add(new("q.hads.a1", new string('x', 5 * 1024 * 1024)));
                break;
            case "many-fields":
                fields.AddRange(Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"f{i}", "1")));
                break;
            default:
                fields.Add(new(new string('k', 3000), "1"));
                break;
        }
        var response = await host.Client.PostAsync(await host.IssueLinkAsync(occasion), new FormUrlEncodedContent(fields));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("Skjemaet kunne ikke leses", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync(Tables(host).Response, occasion));
    }

    [Fact]
    public async Task Get_Page_SendsNoStoreAndNoReferrerHeaders()
    {
        await using var host = await HostAsync("q_headers");
        var (_, occasion) = await host.ScheduleAsync();
        var response = await host.Client.GetAsync(await host.IssueLinkAsync(occasion));
        Assert.Equal(("no-store", "no-referrer"), (response.Headers.CacheControl?.ToString(), string.Join(",", response.Headers.GetValues("Referrer-Policy"))));
    }

    internal static async Task<decimal?> ScoreAsync(QuestionnaireHost host, OccasionId occasion, string instrument, string scale)
    {
        var text = await host.Db.ScalarAsync<string>(
            $"SELECT CAST(score AS TEXT) FROM {Tables(host).Score} WHERE occasion_id = @o AND instrument = @i AND scale = @s",
            ("o", host.Db.Store.Dialect.Bind(occasion.Value)), ("i", instrument), ("s", scale));
        return decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class ParticipantPagePostgresTests() : ParticipantPageTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class ParticipantPageSqliteTests() : ParticipantPageTests(FollowupDatabase.Sqlite);
