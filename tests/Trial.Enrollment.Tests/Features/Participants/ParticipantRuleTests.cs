using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Participants;

/// <summary>The rules an inspector tried by hand (issue #9): each one was accepted before and must now be refused, writing nothing.</summary>
public abstract class ParticipantRuleTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;
    private Task<HttpClient> Manager => App.ClientAsync("manager");

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    private async Task<JsonElement> DetailAsync(Guid id) => await (await Manager).GetFromJsonAsync<JsonElement>($"/api/participants/{id}");

    [Fact]
    public async Task RecordDeath_NeverConsented_Returns409AndWritesNothing()
    {
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await Manager, "oslo", ApiFixture.NextPerson()));
        await AssertRefusedAsync(await (await Manager).PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-05-01" }),
            HttpStatusCode.Conflict, "not-consented");
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(id)).GetProperty("diedOn").ValueKind);
        // So consent can still be taken: a consent after a recorded death cannot arise.
        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(await Manager, id)).StatusCode);
    }

    [Fact]
    public async Task RecordDeath_DatedBeforeConsent_Returns400()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson(), "2014-03-02");
        var response = await (await Manager).PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-03-01" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TrialApi.ProblemAsync(response)).GetProperty("errors").TryGetProperty("diedOn", out _));
    }

    [Fact]
    public async Task Withdraw_DatedAfterDeath_Returns400AndWritesNothing()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson());
        await TrialApi.RandomiseAsync(await Manager, id, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NoContent, (await (await Manager).PostAsJsonAsync($"/api/participants/{id}/death", new { diedOn = "2014-07-01" })).StatusCode);
        var response = await (await Manager).PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "data-use", effectiveOn = "2014-08-01", reason = "family asked" });
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "after-death");
        Assert.Empty((await DetailAsync(id)).GetProperty("withdrawals").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/consent")]
    [InlineData("POST", "/randomisation")]
    [InlineData("POST", "/randomisation/paper")]
    [InlineData("POST", "/randomisation/mistaken")]
    [InlineData("POST", "/withdrawals")]
    [InlineData("POST", "/death")]
    public async Task AllZeroParticipantId_Returns404(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/participants/{Guid.Empty}{path}");
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { });
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }
        var response = await (await Manager).SendAsync(request);
        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Randomise_WithTypedEarlierDate_Returns400AndAllocatesNothing()
    {
        // The 2:1 period of 2013 cannot be chosen by typing a date: the service's date (2014-11-01) decides.
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson(), "2013-11-01");
        var response = await TrialApi.RandomiseAsync(await App.ClientAsync("coord.oslo"), id, Guid.NewGuid().ToString(), "2013-11-01");
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "service-date");
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(id)).GetProperty("arm").ValueKind);
    }

    [Fact]
    public async Task Randomise_WithoutDate_UsesTheServiceDateAndItsPeriod()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson(), "2013-11-01");
        var body = await (await TrialApi.RandomiseAsync(await App.ClientAsync("coord.oslo"), id, Guid.NewGuid().ToString()))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2014-11-01", "p2-1to1"), (body.GetProperty("randomisedOn").GetString(), body.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task PaperAllocation_ByCoordinator_Returns403()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson());
        var response = await TrialApi.PaperAllocationAsync(await App.ClientAsync("coord.oslo"), id, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(id)).GetProperty("arm").ValueKind);
    }

    [Fact]
    public async Task PaperAllocation_WithoutReason_Returns400()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson());
        var response = await TrialApi.PaperAllocationAsync(await Manager, id, Guid.NewGuid().ToString(), reason: "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TrialApi.ProblemAsync(response)).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task PaperAllocation_ByTrialManager_IsRecordedAsPaperAndAudited_WithItsCode_AndTheWordsSealedInTheIdentityStore()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson(), "2013-11-01");
        var response = await TrialApi.PaperAllocationAsync(await Manager, id, Guid.NewGuid().ToString(), "control", "2013-11-04", "power cut at the centre",
            "no-connection");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("control", "p1-2to1", "2013-11-04"),
            (body.GetProperty("arm").GetString(), body.GetProperty("period").GetString(), body.GetProperty("randomisedOn").GetString()));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var record = await db.Randomisations.AsNoTracking().SingleAsync(r => r.ParticipantId == id);
        Assert.Equal((AllocationMethod.Paper, (int?)null, "no-connection"), (record.Method, record.Slot, record.PaperReason));
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Subject == id.ToString() && e.Action == "randomisation.paper-entered");
        Assert.Contains("\"no-connection\"", entry.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("power cut", entry.Payload, StringComparison.Ordinal);
        var note = Assert.Single(await scope.ServiceProvider.GetRequiredService<Trial.Enrollment.Identity.PersonNotes>().ReadAsync(id, CancellationToken.None));
        Assert.Equal((Trial.Enrollment.Identity.NoteKind.PaperAllocation, record.Id, "power cut at the centre"), (note.Kind, note.Regarding, note.Text));
    }

    [Fact]
    public async Task PaperAllocation_WithUnknownCode_Returns400NamingCode_AndWritesNothing()
    {
        var id = await TrialApi.ConsentedAsync(await Manager, "oslo", ApiFixture.NextPerson());
        var response = await TrialApi.PaperAllocationAsync(await Manager, id, Guid.NewGuid().ToString(), reason: "power cut", code: "power cut");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await TrialApi.ProblemAsync(response)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.Equal(JsonValueKind.Null, (await DetailAsync(id)).GetProperty("arm").ValueKind);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<Trial.Enrollment.Identity.PersonNotes>().ReadAsync(id, CancellationToken.None));
    }
}

public sealed class SqliteParticipantRuleTests(SqliteApiFixture fixture) : ParticipantRuleTests(fixture), IClassFixture<SqliteApiFixture>;

[Trait("db", "postgres")]
public sealed class PostgresParticipantRuleTests(PostgresApiFixture fixture) : ParticipantRuleTests(fixture), IClassFixture<PostgresApiFixture>;

/// <summary>With Follow-up's real implementation, whose contact stops are unique per scope.</summary>
public class OverlappingWithdrawalTests
{
    [Fact]
    public async Task Withdraw_ScopeCoveredByEarlierWithdrawal_Returns409NotServerError()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "overlap", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 231_000);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, id, "overlap-1")).StatusCode);
        Task<HttpResponseMessage> Withdraw(string scope) =>
            oslo.PostAsJsonAsync($"/api/participants/{id}/withdrawals", new { scope, effectiveOn = "2014-11-01", reason = "asked" });

        Assert.Equal(HttpStatusCode.NoContent, (await Withdraw("data-use")).StatusCode);
        var overlapping = await Withdraw("data-collection");
        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        var problem = await TrialApi.ProblemAsync(overlapping);
        Assert.Equal("already-withdrawn", problem.GetProperty("code").GetString());
        Assert.Contains("data-use", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_WiderScopeAfterNarrower_IsRecorded()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "widen", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 232_000);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(oslo, id, "widen-1")).StatusCode);
        foreach (var scope in new[] { "followup-contact", "data-collection", "data-use" })
        {
            var response = await oslo.PostAsJsonAsync($"/api/participants/{id}/withdrawals", new { scope, effectiveOn = "2014-11-01", reason = "asked" });
            Assert.True(HttpStatusCode.NoContent == response.StatusCode, $"{scope}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
