using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Consent;

/// <summary>
/// Consent form 1.1 replaces 1.0 on 2014-06-01: a new consent (given or declined) dated on or after that day on form 1.0
/// is refused with a ProblemDetails naming formVersion and the rule, and nothing is written; before that day 1.0 is the form.
/// </summary>
public abstract class SupersededConsentFormTests(ApiFixture fixture)
{
    private TrialTestApp App => fixture.App;

    private static Task<HttpResponseMessage> ConsentAsync(HttpClient client, Guid id, string decision, string formVersion, string on) =>
        client.PostAsJsonAsync($"/api/participants/{id}/consent", new { decision, formVersion, consentedOn = on, registerLinkage = true });

    [Theory]
    [InlineData("given", "2014-06-01")]
    [InlineData("given", "2014-10-01")]
    [InlineData("declined", "2014-10-01")]
    public async Task NewConsent_OnASupersededForm_Is400NamingFormVersion_AndWritesNothing(string decision, string on)
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(coordinator, "oslo", ApiFixture.NextPerson(), screenedOn: "2014-05-20"));

        var response = await ConsentAsync(coordinator, id, decision, "1.0", on);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.Equal("form-superseded", problem.GetProperty("code").GetString());
        Assert.Contains("formVersion", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("1.1", problem.GetProperty("errors").GetProperty("formVersion")[0].GetString(), StringComparison.Ordinal);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var participant = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(("Eligible", null, null), (participant.State.ToString(), participant.ConsentFormVersion, participant.ConsentOn?.ToString()));
        Assert.Equal(0, await db.AuditEntries.CountAsync(e => e.Subject == id.ToString() && e.Action == "consent.recorded"));
    }

    [Theory]
    [InlineData("1.0", "2014-05-31")]
    [InlineData("1.1", "2014-06-01")]
    public async Task NewConsent_OnTheFormInForceOnItsDate_IsRecorded(string formVersion, string on)
    {
        var coordinator = await App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(coordinator, "oslo", ApiFixture.NextPerson(), screenedOn: "2014-05-20"));

        var response = await ConsentAsync(coordinator, id, "given", formVersion, on);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await (await coordinator.GetAsync($"/api/participants/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(formVersion, detail.GetProperty("consentFormVersion").GetString());
    }
}

[Trait("db", "sqlite")]
public sealed class SqliteSupersededConsentFormTests(SqliteNewConsentFormFixture fixture)
    : SupersededConsentFormTests(fixture), IClassFixture<SqliteNewConsentFormFixture>;

[Trait("db", "postgres")]
public sealed class PostgresSupersededConsentFormTests(PostgresNewConsentFormFixture fixture)
    : SupersededConsentFormTests(fixture), IClassFixture<PostgresNewConsentFormFixture>;
