using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Reconsent;

/// <summary>
/// Consent form 1.1 comes into force on 2014-06-01 (Europe/Oslo): participants who consented on 1.0 are listed as
/// needing re-consent, and a coordinator records it on the service's own date. Refusals write nothing.
/// </summary>
public abstract class ReconsentTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;

    private static Task<HttpResponseMessage> ReconsentAsync(HttpClient client, Guid id, string? formVersion = "1.1") =>
        client.PostAsJsonAsync($"/api/participants/{id}/reconsent", new { formVersion });

    private static async Task<List<Guid>> DueAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/reconsents/due")).EnumerateArray().Select(r => r.GetProperty("participantId").GetGuid()).ToList();

    private async Task<int> AuditCountAsync(Guid id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries
            .CountAsync(e => e.Subject == id.ToString() && e.Action == "consent.reconsented");
    }

    [Fact]
    public async Task Reconsent_OfARandomisedParticipantOnAnOlderForm_IsListed_RecordedOnTheServiceDate_AndOnlyOnce()
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(coordinator, "oslo", ApiFixture.NextPerson());
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(coordinator, id, Guid.NewGuid().ToString())).StatusCode);
        var current = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(coordinator, "oslo", ApiFixture.NextPerson(), screenedOn: "2014-10-01"));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/participants/{current}/consent",
            new { decision = "given", formVersion = "1.1", consentedOn = "2014-10-01" })).StatusCode);
        var due = await DueAsync(coordinator);
        Assert.Contains(id, due);
        Assert.DoesNotContain(current, due);

        var response = await ReconsentAsync(coordinator, id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("1.1", detail.GetProperty("consentFormVersion").GetString());
        Assert.Equal("2014-11-01", detail.GetProperty("reconsentedOn").GetString());
        Assert.Equal("2014-03-02", detail.GetProperty("consentOn").GetString());
        Assert.DoesNotContain(id, await DueAsync(coordinator));

        var again = await ReconsentAsync(coordinator, id);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("consent-form-current", (await TrialApi.ProblemAsync(again)).GetProperty("code").GetString());
        Assert.Equal(1, await AuditCountAsync(id));
        var verify = await (await App.ClientAsync("auditor")).GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task FormInForce_IsJudgedByTheServiceDateInTheProtocolsTimeZone()
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(coordinator, "oslo", ApiFixture.NextPerson());
        var before = App.Clock.GetCurrentInstant();
        try
        {
            // 21:30 UTC on 31 May is 23:30 in Oslo: form 1.1 is not yet in force.
            App.Clock.Reset(Instant.FromUtc(2014, 5, 31, 21, 30));
            Assert.DoesNotContain(id, await DueAsync(coordinator));
            var early = await ReconsentAsync(coordinator, id);
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Equal("form-in-force", (await TrialApi.ProblemAsync(early)).GetProperty("code").GetString());
            // 22:30 UTC on 31 May is 00:30 on 1 June in Oslo: it is.
            App.Clock.Reset(Instant.FromUtc(2014, 5, 31, 22, 30));
            Assert.Contains(id, await DueAsync(coordinator));
            var response = await ReconsentAsync(coordinator, id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("2014-06-01", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reconsentedOn").GetString());
        }
        finally
        {
            App.Clock.Reset(before);
        }
    }

    [Theory]
    [InlineData("1.0", "form-in-force")]
    [InlineData("9.9", "form-in-force")]
    [InlineData(null, "required")]
    public async Task Reconsent_OnAnotherFormThanTheOneInForce_Is400NamingTheField_AndWritesNothing(string? version, string rule)
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(coordinator, "oslo", ApiFixture.NextPerson());

        var response = await ReconsentAsync(coordinator, id, version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.Equal(rule, problem.GetProperty("code").GetString());
        Assert.Contains("formVersion", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(0, await AuditCountAsync(id));
    }

    [Theory]
    [InlineData("statistician", 403)]
    [InlineData("auditor", 403)]
    [InlineData("coord.hadeland.ht", 403)]
    public async Task Reconsent_ByARoleOrCentreThatMayNotAct_IsRefused_AndWritesNothing(string username, int status)
    {
        var id = await TrialApi.ConsentedAsync(await App.ClientAsync("coord.oslo"), "oslo", ApiFixture.NextPerson());
        var client = await App.ClientAsync(username);

        Assert.Equal(status, (int)(await ReconsentAsync(client, id)).StatusCode);
        Assert.Equal(0, await AuditCountAsync(id));
        if (username != "coord.hadeland.ht")
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reconsents/due")).StatusCode);
        }
        else
        {
            Assert.DoesNotContain(id, await DueAsync(client));
        }
    }

    [Fact]
    public async Task Reconsent_AfterWithdrawalFromContact_IsNotAsked_And409()
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(coordinator, "oslo", ApiFixture.NextPerson());
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/participants/{id}/withdrawals",
            new { scope = "followup-contact", effectiveOn = "2014-10-01", reason = "no more calls" })).StatusCode);

        Assert.DoesNotContain(id, await DueAsync(coordinator));
        var response = await ReconsentAsync(coordinator, id);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("withdrawn-from-contact", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, await AuditCountAsync(id));
    }
}

public sealed class SqliteReconsentTests(SqliteNewConsentFormFixture fixture) : ReconsentTests(fixture), IClassFixture<SqliteNewConsentFormFixture>;

[Trait("db", "postgres")]
public sealed class PostgresReconsentTests(PostgresNewConsentFormFixture fixture) : ReconsentTests(fixture), IClassFixture<PostgresNewConsentFormFixture>;
