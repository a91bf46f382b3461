using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>The API calls the tests make, as a coordinator would make them.</summary>
internal static class TrialApi
{
    public static async Task<HttpResponseMessage> ScreenAsync(HttpClient client, string centre, int person, Dictionary<string, bool>? answers = null,
        string screenedOn = "2014-03-01") =>
        await client.PostAsJsonAsync("/api/screenings", new
        {
            centre,
            screenedOn,
            person = new { name = $"Person {person}", nationalId = TestPeople.NationalId(person), email = $"p{person}@example.org" },
            answers = answers ?? TestPeople.AllYes,
        });

    public static async Task<Guid> ScreenedIdAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("participantId").GetGuid();
    }

    public static Task<HttpResponseMessage> ConsentAsync(HttpClient client, Guid id, string decision = "given", string on = "2014-03-02") =>
        client.PostAsJsonAsync($"/api/participants/{id}/consent", new { decision, formVersion = "1.0", consentedOn = on });

    /// <param name="on">Omitted (null) in normal use: the service randomises on its own date. A date is sent only to test the refusal.</param>
    public static Task<HttpResponseMessage> RandomiseAsync(HttpClient client, Guid id, string key, string? on = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/participants/{id}/randomisation") { Content = JsonContent.Create(new { randomisedOn = on }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PaperAllocationAsync(HttpClient client, Guid id, string key, string arm = "ips", string on = "2014-10-15",
        string reason = "service unreachable during a network outage", string? code = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/participants/{id}/randomisation/paper")
        {
            Content = JsonContent.Create(new { arm, randomisedOn = on, reason, code }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Randomises with the service's clock set to noon (Oslo) on <paramref name="on"/>, then puts the clock back.</summary>
    public static async Task<HttpResponseMessage> RandomiseOnDayAsync(TrialTestApp app, HttpClient client, Guid id, string key, string on)
    {
        var before = app.Clock.GetCurrentInstant();
        app.Clock.Reset(DayAtNoon(on));
        try
        {
            return await RandomiseAsync(client, id, key);
        }
        finally
        {
            app.Clock.Reset(before);
        }
    }

    public static NodaTime.Instant DayAtNoon(string on) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(on).Value.At(new NodaTime.LocalTime(12, 0)).InZoneLeniently(NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).ToInstant();

    /// <summary>Screened eligible and consented, ready to randomise.</summary>
    public static async Task<Guid> ConsentedAsync(HttpClient client, string centre, int person, string consentOn = "2014-03-02")
    {
        var id = await ScreenedIdAsync(await ScreenAsync(client, centre, person, screenedOn: consentOn));
        Assert.Equal(HttpStatusCode.OK, (await ConsentAsync(client, id, on: consentOn)).StatusCode);
        return id;
    }

    /// <summary>Screened, consented and randomised (the seed must be set).</summary>
    public static async Task<Guid> RandomisedAsync(HttpClient client, string centre, int person, string key)
    {
        var id = await ConsentedAsync(client, centre, person);
        Assert.Equal(HttpStatusCode.Created, (await RandomiseAsync(client, id, key)).StatusCode);
        return id;
    }

    public static async Task SetSeedAsync(TrialTestApp app, string seedHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
    {
        var response = await (await app.ClientAsync("statistician")).PostAsJsonAsync("/api/allocation/seed", new { seedHex });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
