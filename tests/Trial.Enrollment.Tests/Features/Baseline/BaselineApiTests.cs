using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Baseline;

/// <summary>The baseline form endpoint: what the protocol declares is recorded; anything else is refused by field and rule, writing nothing.</summary>
public sealed class BaselineApiTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private async Task<(HttpClient Oslo, Guid Id)> ConsentedAsync()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        return (oslo, await TrialApi.ConsentedAsync(oslo, "oslo", ApiFixture.NextPerson()));
    }

    private static async Task<JsonElement> ValuesAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}/baseline")).GetProperty("values");

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field, string code)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Record_CompleteForm_IsReturnedWithEveryField()
    {
        var (oslo, id) = await ConsentedAsync();
        var response = await BaselineForms.PutAsync(oslo, id, BaselineForms.Complete);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var values = await ValuesAsync(oslo, id);
        Assert.Equal("true", values.GetProperty("born_norway").GetString());
        Assert.Equal("divorced", values.GetProperty("civil_status").GetString());
        Assert.Equal("12", values.GetProperty("years_mental_complaints").GetString());
    }

    [Fact]
    public async Task Record_Correction_LatestAnswerWins()
    {
        var (oslo, id) = await ConsentedAsync();
        await BaselineForms.PutAsync(oslo, id, BaselineForms.Complete);
        Assert.Equal(HttpStatusCode.OK, (await BaselineForms.PutAsync(oslo, id, BaselineForms.With("civil_status", "married"))).StatusCode);
        Assert.Equal("married", (await ValuesAsync(oslo, id)).GetProperty("civil_status").GetString());
    }

    [Fact]
    public async Task Record_UnknownFieldsLeftOut_AreNotKnown()
    {
        var (oslo, id) = await ConsentedAsync();
        Assert.Equal(HttpStatusCode.OK, (await BaselineForms.PutAsync(oslo, id, new Dictionary<string, object?> { ["born_norway"] = false })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await ValuesAsync(oslo, id)).GetProperty("mini_diagnosis").ValueKind);
    }

    [Theory]
    [InlineData("shoe_size", 44, "values.shoe_size", "known-field")]
    [InlineData("born_norway", "yes", "values.born_norway", "value-type")]
    [InlineData("born_norway", null, "values.born_norway", "required")]
    [InlineData("civil_status", "single", "values.civil_status", "allowed-value")]
    [InlineData("years_mental_complaints", 81, "values.years_mental_complaints", "allowed-value")]
    [InlineData("years_mental_complaints", 2.5, "values.years_mental_complaints", "allowed-value")]
    [InlineData("years_mental_complaints", "12", "values.years_mental_complaints", "value-type")]
    [InlineData("severity", true, "values.severity", "value-type")]
    public async Task Record_BadValue_IsRefusedNamingFieldAndRule_AndWritesNothing(string field, object? value, string errorField, string code)
    {
        var (oslo, id) = await ConsentedAsync();
        await AssertInvalidAsync(await BaselineForms.PutAsync(oslo, id, BaselineForms.With(field, value)), errorField, code);
        Assert.Equal(JsonValueKind.Null, (await ValuesAsync(oslo, id)).GetProperty("civil_status").ValueKind);
    }

    [Theory]
    [InlineData("2014-02-01", "date-range")]
    [InlineData("2099-01-01", "date-range")]
    [InlineData("01.03.2014", "iso-date")]
    public async Task Record_AbsurdDate_IsRefused(string recordedOn, string code)
    {
        var (oslo, id) = await ConsentedAsync();
        await AssertInvalidAsync(await BaselineForms.PutAsync(oslo, id, BaselineForms.Complete, recordedOn), "recordedOn", code);
    }

    [Fact]
    public async Task Record_HostileBody_IsRefusedWithoutA500()
    {
        var (oslo, id) = await ConsentedAsync();
        var many = Enumerable.Range(0, 500).ToDictionary(i => $"f{i}", object? (i) => i);
        await AssertInvalidAsync(await BaselineForms.PutAsync(oslo, id, many), "values", "too-many-fields");
        var malformed = await oslo.PutAsync($"/api/participants/{id}/baseline", new StringContent("{\"values\": [1,2", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Record_NotConsented_IsAConflict()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", ApiFixture.NextPerson(), screenedOn: "2014-03-02"));
        var response = await BaselineForms.PutAsync(oslo, id, BaselineForms.Complete);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("not-consented", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Record_OtherCentresCoordinator_IsRefused()
    {
        var (_, id) = await ConsentedAsync();
        var hadeland = await fixture.App.ClientAsync("coord.hadeland");
        Assert.Equal(HttpStatusCode.Forbidden, (await BaselineForms.PutAsync(hadeland, id, BaselineForms.Complete)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hadeland.GetAsync($"/api/participants/{id}/baseline")).StatusCode);
    }

    [Fact]
    public async Task Record_Statistician_MayReadButNotRecord()
    {
        var (oslo, id) = await ConsentedAsync();
        await BaselineForms.PutAsync(oslo, id, BaselineForms.Complete);
        var statistician = await fixture.App.ClientAsync("statistician");
        Assert.Equal(HttpStatusCode.Forbidden, (await BaselineForms.PutAsync(statistician, id, BaselineForms.Complete)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await statistician.GetAsync($"/api/participants/{id}/baseline")).StatusCode);
    }

    [Fact]
    public async Task Form_IsServedFromTheProtocol_WithBothLanguages()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var form = await oslo.GetFromJsonAsync<JsonElement>("/api/protocol/baseline-form");
        var civil = form.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "civil_status");
        Assert.Equal("code", civil.GetProperty("type").GetString());
        Assert.Equal("Sivilstand", civil.GetProperty("label").GetProperty("nb-NO").GetString());
        Assert.Contains(civil.GetProperty("codes").EnumerateArray(), c => c.GetProperty("value").GetString() == "widowed");
    }
}
