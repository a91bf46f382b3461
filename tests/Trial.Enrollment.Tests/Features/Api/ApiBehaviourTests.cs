using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Tests.Features.Api;

/// <summary>The API's rules, run against both providers (subclasses below pick SQLite or PostgreSQL).</summary>
public abstract class ApiBehaviourTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;
    private Task<HttpClient> Oslo => App.ClientAsync("coord.oslo");

    private async Task<int> ParticipantCountAsync() =>
        (await (await App.ClientAsync("manager")).GetFromJsonAsync<JsonElement>("/api/participants")).GetArrayLength();

    private async Task AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task Screen_UnknownCentre_Returns400NamingCentreAndWritesNothing()
    {
        var before = await ParticipantCountAsync();
        await AssertFieldErrorAsync(await TrialApi.ScreenAsync(await Oslo, "bergen", ApiFixture.NextPerson()), "centre");
        Assert.Equal(before, await ParticipantCountAsync());
    }

    [Fact]
    public async Task Screen_InvalidFodselsnummer_Returns400NamingField()
    {
        var response = await (await Oslo).PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo", screenedOn = "2014-03-01", person = new { name = "X", nationalId = "01010012357" }, answers = TestPeople.AllYes,
        });
        await AssertFieldErrorAsync(response, "person.nationalId");
    }

    [Fact]
    public async Task Screen_MalformedJson_Returns400()
    {
        var response = await (await Oslo).PostAsync("/api/screenings", new StringContent("{\"centre\": \"oslo\",", Encoding.UTF8, "application/json"));
        await AssertFieldErrorAsync(response, "$");
    }

    [Fact]
    public async Task Screen_WrongJsonType_Returns400NamingField()
    {
        var response = await (await Oslo).PostAsync("/api/screenings", new StringContent("{\"centre\": \"oslo\", \"answers\": 5}", Encoding.UTF8, "application/json"));
        await AssertFieldErrorAsync(response, "answers");
    }

    [Fact]
    public async Task Screen_DateInFuture_Returns400NamingField() =>
        await AssertFieldErrorAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson(), screenedOn: "2015-01-01"), "screenedOn");

    [Fact]
    public async Task Screen_DateBeforeTrial_Returns400NamingField() =>
        await AssertFieldErrorAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson(), screenedOn: "2012-01-01"), "screenedOn");

    [Fact]
    public async Task Screen_MissingAnswer_Returns400NamingCriterion()
    {
        var answers = new Dictionary<string, bool>(TestPeople.AllYes);
        answers.Remove("norwegian");
        await AssertFieldErrorAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson(), answers), "answers.norwegian");
    }

    [Fact]
    public async Task Screen_InQuarantine_RecordsCodedExclusionReason()
    {
        var answers = new Dictionary<string, bool>(TestPeople.AllYes) { ["no-disability-quarantine"] = false };
        var response = await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson(), answers);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("disability-benefit-waiting-period", body.GetProperty("exclusionReason").GetString());
    }

    [Fact]
    public async Task Screen_SamePersonTwice_Returns409()
    {
        var person = ApiFixture.NextPerson();
        await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", person));
        Assert.Equal(HttpStatusCode.Conflict, (await TrialApi.ScreenAsync(await Oslo, "oslo", person)).StatusCode);
    }

    [Fact]
    public async Task Randomise_WithoutConsent_Returns409AndWritesNothing()
    {
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson()));
        var response = await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not-consented", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
        var detail = await (await Oslo).GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("arm").ValueKind);
    }

    [Fact]
    public async Task Randomise_Ineligible_Returns409()
    {
        var answers = new Dictionary<string, bool>(TestPeople.AllYes) { ["wants-work"] = false };
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson(), answers));
        var response = await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        Assert.Equal("not-eligible", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Randomise_DeclinedConsent_Returns409()
    {
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await Oslo, "oslo", ApiFixture.NextPerson()));
        await TrialApi.ConsentAsync(await Oslo, id, "declined");
        var response = await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        Assert.Equal("declined-consent", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Randomise_SameKeyTwice_ReturnsSameAllocationWith200()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var key = Guid.NewGuid().ToString();
        var first = await TrialApi.RandomiseAsync(await Oslo, id, key);
        var second = await TrialApi.RandomiseAsync(await Oslo, id, key);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Randomise_SecondTimeWithOtherKey_Returns409()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var second = await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        Assert.Equal("already-randomised", (await TrialApi.ProblemAsync(second)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Randomise_KeyUsedForAnotherParticipant_Returns409_AndAllocatesNothing()
    {
        var first = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var second = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(await Oslo, first, key)).StatusCode);
        var reused = await TrialApi.RandomiseAsync(await Oslo, second, key);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("idempotency-key-reused", (await TrialApi.ProblemAsync(reused)).GetProperty("code").GetString());
        // Nothing was written for the second participant: a fresh key randomises them now.
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(await Oslo, second, Guid.NewGuid().ToString())).StatusCode);
    }

    [Fact]
    public async Task Randomise_WithoutIdempotencyKey_Returns400()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var response = await (await Oslo).PostAsJsonAsync($"/api/participants/{id}/randomisation", new { });
        await AssertFieldErrorAsync(response, "Idempotency-Key");
    }

    [Fact]
    public async Task Randomise_InTwoToOnePeriod_RecordsPeriodRatioAndProtocolHash()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson(), "2013-11-01");
        var response = await TrialApi.RandomiseOnDayAsync(App, await Oslo, id, Guid.NewGuid().ToString(), "2013-11-04");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("p1-2to1", "2:1"), (body.GetProperty("period").GetString(), body.GetProperty("ratio").GetString()));
        Assert.Equal(App.Services.GetRequiredService<Trial.Enrollment.Protocol.TrialProtocol>().Sha256, body.GetProperty("protocolSha256").GetString());
        Assert.False(body.TryGetProperty("slot", out _));
        Assert.False(body.TryGetProperty("block", out _));
    }

    [Fact]
    public async Task Randomise_ServiceDateBeforeAnyPeriod_Returns400()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson(), "2013-10-01");
        await AssertFieldErrorAsync(await TrialApi.RandomiseOnDayAsync(App, await Oslo, id, Guid.NewGuid().ToString(), "2013-10-05"), "randomisedOn");
    }

    [Fact]
    public async Task Randomise_Allocated_SchedulesFollowupInsideTransaction()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var scheduled = Assert.Single(App.Followup.Scheduled, s => s.Participant.Value == id);
        Assert.Equal(new NodaTime.LocalDate(2014, 11, 1), scheduled.Anchor);
        Assert.Equal(0, App.Followup.CallsOutsideTransaction);
    }

    [Fact]
    public async Task Withdraw_FromFollowupContact_StopsContact()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var response = await (await Oslo).PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "followup-contact", effectiveOn = "2014-06-01", reason = "no more letters" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var stop = Assert.Single(App.Followup.Stopped, s => s.Participant.Value == id);
        Assert.Equal(ContactStopScope.WithdrewFromFollowupContact, stop.Scope);
    }

    [Fact]
    public async Task Withdraw_FromIntervention_KeepsContact()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        await (await Oslo).PostAsJsonAsync($"/api/participants/{id}/withdrawals", new { scope = "intervention", effectiveOn = "2014-06-01", reason = "moved" });
        Assert.DoesNotContain(App.Followup.Stopped, s => s.Participant.Value == id);
    }

    [Fact]
    public async Task Withdraw_UnknownScope_Returns400()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var response = await (await Oslo).PostAsJsonAsync($"/api/participants/{id}/withdrawals", new { scope = "everything", effectiveOn = "2014-06-01", reason = "x" });
        await AssertFieldErrorAsync(response, "scope");
    }

    [Fact]
    public async Task Death_Recorded_StopsAllContact()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var response = await (await Oslo).PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-07-01" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ContactStopScope.Died, Assert.Single(App.Followup.Stopped, s => s.Participant.Value == id).Scope);
    }

    [Fact]
    public async Task MarkMistaken_Randomisation_IsKeptAndFlagged()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var manager = await App.ClientAsync("manager");
        var response = await manager.PostAsJsonAsync($"/api/participants/{id}/randomisation/mistaken", new { reason = "was already in another trial" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var detail = await manager.GetFromJsonAsync<JsonElement>($"/api/participants/{id}");
        Assert.True(detail.GetProperty("mistaken").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("arm").ValueKind);
    }

    [Fact]
    public async Task List_AsStatistician_HasNoNames()
    {
        await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var list = await (await App.ClientAsync("statistician")).GetFromJsonAsync<JsonElement>("/api/participants");
        Assert.All(list.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("nationalId").ValueKind));
        Assert.All(list.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("name").ValueKind));
    }

    [Fact]
    public async Task Detail_OtherCentresCoordinator_Returns403()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        var response = await (await App.ClientAsync("coord.hadeland")).GetAsync($"/api/participants/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutToken_Returns401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.Anonymous().GetAsync("/api/participants")).StatusCode);

    [Fact]
    public async Task AuditVerify_AfterActivity_IsIntact()
    {
        var id = await TrialApi.ConsentedAsync(await Oslo, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Oslo, id, Guid.NewGuid().ToString());
        var result = await (await App.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
    }
}

public sealed class SqliteApiBehaviourTests(SqliteApiFixture fixture) : ApiBehaviourTests(fixture), IClassFixture<SqliteApiFixture>;

[Trait("db", "postgres")]
public sealed class PostgresApiBehaviourTests(PostgresApiFixture fixture) : ApiBehaviourTests(fixture), IClassFixture<PostgresApiFixture>;
