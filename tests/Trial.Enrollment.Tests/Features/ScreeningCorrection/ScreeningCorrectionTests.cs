using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.ScreeningCorrection;

/// <summary>
/// A wrongly entered screening is corrected with a reason code before randomisation: eligibility is evaluated again
/// (either way), the values before and after are in the audit trail (which still reconciles), the free text is only in
/// the identity store, and refusals (bad input, randomised, nothing changed, wrong role, centre or organisation) write nothing.
/// </summary>
public abstract class ScreeningCorrectionTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;

    private static Dictionary<string, bool> Answers(bool wantsWork) => new(TestPeople.AllYes) { ["wants-work"] = wantsWork };

    private static Task<HttpResponseMessage> CorrectAsync(HttpClient client, Guid id, object body) =>
        client.PostAsJsonAsync($"/api/participants/{id}/screening/corrections", body);

    private static async Task<JsonElement> DetailAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");

    private async Task<List<string>> AuditPayloadsAsync(Guid id, string action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Subject == id.ToString() && e.Action == action).OrderBy(e => e.Id)
            .Select(e => e.Payload).ToListAsync();
    }

    [Fact]
    public async Task Correction_ExcludesThenIncludesAgain_AuditsBeforeAndAfter_KeepsNoteInIdentityStoreOnly_AndRefusesARepeat()
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(coordinator, "oslo", ApiFixture.NextPerson()));
        var marker = "note-" + Guid.NewGuid().ToString("N");

        var excluded = await CorrectAsync(coordinator, id, new { reasonCode = "entry-error", answers = Answers(false), note = marker });

        Assert.Equal(HttpStatusCode.OK, excluded.StatusCode);
        var detail = await DetailAsync(coordinator, id);
        Assert.Equal("Ineligible", detail.GetProperty("state").GetString());
        Assert.Equal("outside-target-group", detail.GetProperty("exclusionReason").GetString());
        Assert.Equal("2014-11-01", detail.GetProperty("screeningCorrectedOn").GetString());
        var payload = JsonDocument.Parse(Assert.Single(await AuditPayloadsAsync(id, "screening.corrected"))).RootElement;
        Assert.Equal("entry-error", payload.GetProperty("reasonCode").GetString());
        Assert.True(payload.GetProperty("before").GetProperty("answers").GetProperty("wants-work").GetBoolean());
        Assert.False(payload.GetProperty("after").GetProperty("answers").GetProperty("wants-work").GetBoolean());
        Assert.True(payload.GetProperty("before").GetProperty("eligible").GetBoolean());
        Assert.False(payload.GetProperty("after").GetProperty("eligible").GetBoolean());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // The free text is a note in the identity store, about this correction; nothing in the research store holds it.
            var note = Assert.Single(await scope.ServiceProvider.GetRequiredService<Trial.Enrollment.Identity.PersonNotes>().ReadAsync(id, CancellationToken.None));
            Assert.Equal(marker, note.Text);
            Assert.Equal(payload.GetProperty("correctionId").GetGuid(), note.Regarding);
            var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Payload.Contains(marker)));
            Assert.False(await db.Participants.AnyAsync(p => p.Screening.Contains(marker)));
        }

        var repeat = await CorrectAsync(coordinator, id, new { reasonCode = "entry-error", answers = Answers(false), note = marker });
        Assert.Equal(HttpStatusCode.Conflict, repeat.StatusCode);
        Assert.Equal("correction-changes-nothing", (await TrialApi.ProblemAsync(repeat)).GetProperty("code").GetString());
        Assert.Single(await AuditPayloadsAsync(id, "screening.corrected"));

        var included = await CorrectAsync(coordinator, id, new { reasonCode = "new-information", answers = Answers(true) });
        Assert.Equal(HttpStatusCode.OK, included.StatusCode);
        detail = await DetailAsync(coordinator, id);
        Assert.Equal("Eligible", detail.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("exclusionReason").ValueKind);
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(coordinator, id, on: "2014-11-01")).StatusCode);

        var verify = await (await App.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task Correction_OfAConsentedPerson_ThatExcludesThem_ClearsTheConsent_AndTheAuditStillReconciles()
    {
        var manager = await App.ClientAsync("manager");
        var id = await TrialApi.ConsentedAsync(manager, "oslo", ApiFixture.NextPerson());

        var response = await CorrectAsync(manager, id, new { reasonCode = "new-information", answers = Answers(false) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await DetailAsync(manager, id);
        Assert.Equal("Ineligible", detail.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("consentOn").ValueKind);
        var randomise = await TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, randomise.StatusCode);
        Assert.Equal("not-eligible", (await TrialApi.ProblemAsync(randomise)).GetProperty("code").GetString());
        var verify = await (await App.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task Correction_AfterRandomisation_Is409NamingTheRule_AndChangesNothing()
    {
        var manager = await App.ClientAsync("manager");
        var id = await TrialApi.ConsentedAsync(manager, "oslo", ApiFixture.NextPerson());
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString())).StatusCode);

        var response = await CorrectAsync(manager, id, new { reasonCode = "entry-error", answers = Answers(false) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.Equal("screening-final-after-randomisation", problem.GetProperty("code").GetString());
        Assert.Contains("cannot be undone by a correction", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Randomised", (await DetailAsync(manager, id)).GetProperty("state").GetString());
        Assert.Empty(await AuditPayloadsAsync(id, "screening.corrected"));
    }

    public static TheoryData<string, string, string> BadBodies() => new()
    {
        { """{"answers":{"in-treatment":true,"wants-work":false,"norwegian":true,"no-disability-quarantine":true}}""", "reasonCode", "required" },
        { """{"reasonCode":"typo","answers":{"in-treatment":true,"wants-work":false,"norwegian":true,"no-disability-quarantine":true}}""", "reasonCode", "known-value" },
        { """{"reasonCode":"other"}""", "answers", "required" },
        { """{"reasonCode":"other","answers":{"in-treatment":true,"wants-work":false,"norwegian":true}}""", "answers.no-disability-quarantine", "required" },
        { """{"reasonCode":"other","answers":{"in-treatment":true,"wants-work":false,"norwegian":true,"no-disability-quarantine":true,"adult":true}}""", "answers.adult", "known-criterion" },
        { """{"reasonCode":"other","severity":"mild","answers":{"in-treatment":true,"wants-work":false,"norwegian":true,"no-disability-quarantine":true}}""", "severity", "known-value" },
        { """{"reasonCode":"other","answers":{"in-treatment":true,"wants-work":false,"norwegian":true,"no-disability-quarantine":true},"note":"NOTE"}"""
            .Replace("NOTE", new string('x', 501), StringComparison.Ordinal), "note", "max-length" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Correction_WithBadInput_Is400NamingFieldAndRule_AndWritesNothing(string body, string field, string rule)
    {
        var manager = await App.ClientAsync("manager");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", ApiFixture.NextPerson()));

        var response = await manager.PostAsync($"/api/participants/{id}/screening/corrections",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.Equal(rule, problem.GetProperty("code").GetString());
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("Eligible", (await DetailAsync(manager, id)).GetProperty("state").GetString());
        Assert.Empty(await AuditPayloadsAsync(id, "screening.corrected"));
    }

    [Theory]
    [InlineData("statistician", 403)]
    [InlineData("auditor", 403)]
    [InlineData("coord.hadeland.ht", 403)]
    // A NAV user does not know of a person the health trust screened until consent.
    [InlineData("coord.oslo.nav", 404)]
    public async Task Correction_ByARoleCentreOrOrganisationThatMayNotAct_IsRefused_AndWritesNothing(string username, int status)
    {
        var manager = await App.ClientAsync("manager");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await App.ClientAsync("coord.oslo"), "oslo", ApiFixture.NextPerson()));

        var response = await CorrectAsync(await App.ClientAsync(username), id, new { reasonCode = "entry-error", answers = Answers(false) });

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("Eligible", (await DetailAsync(manager, id)).GetProperty("state").GetString());
        Assert.Empty(await AuditPayloadsAsync(id, "screening.corrected"));
    }

    [Fact]
    public async Task Correction_ByANavUser_MayChangeAnswersButNotTheClinicalSeverity()
    {
        var id = await TrialApi.ConsentedAsync(await App.ClientAsync("coord.oslo"), "oslo", ApiFixture.NextPerson());
        var nav = await App.ClientAsync("coord.oslo.nav");

        var severity = await CorrectAsync(nav, id, new { reasonCode = "entry-error", answers = TestPeople.AllYes, severity = "severe" });
        Assert.Equal(HttpStatusCode.Forbidden, severity.StatusCode);
        var problem = await TrialApi.ProblemAsync(severity);
        Assert.Equal("organisation-may-record", problem.GetProperty("code").GetString());

        Assert.Equal(HttpStatusCode.OK, (await CorrectAsync(nav, id, new { reasonCode = "entry-error", answers = TestPeople.AllYes, education = "primary" })).StatusCode);
    }
}

public sealed class SqliteScreeningCorrectionTests(SqliteApiFixture fixture) : ScreeningCorrectionTests(fixture), IClassFixture<SqliteApiFixture>;

[Trait("db", "postgres")]
public sealed class PostgresScreeningCorrectionTests(PostgresApiFixture fixture) : ScreeningCorrectionTests(fixture), IClassFixture<PostgresApiFixture>;
