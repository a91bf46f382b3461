using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Contact;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Security;

/// <summary>Security headers on staff responses, HTTPS cookies and HSTS, hostile inputs answered 4xx, and how errors reach the log.</summary>
public sealed class ErrorsAndHeadersTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private TrialTestApp _app = null!;
    private int _person = 50_000;

    public async Task InitializeAsync()
    {
        _app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "errors", registerFollowup: false, replace: services =>
        {
            services.AddSingleton<ILoggerProvider>(_logs);
            services.AddSingleton<IFollowupContact, BrokenFollowup>();
        });
        await TrialApi.SetSeedAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/login")]
    [InlineData("/participants")]
    [InlineData("/api/participants")]
    public async Task StaffResponses_CarrySecurityHeaders(string path)
    {
        var response = await _app.Anonymous().GetAsync(path);
        Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task OverHttps_CookiesAreSecureAndHstsIsSent()
    {
        var client = _app.Anonymous();
        client.BaseAddress = new Uri("https://localhost/");
        var session = new PageSession(client);
        var signedIn = await session.SignInAsync("coord.oslo", TrialTestApp.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.NotEmpty(session.SetCookies);
        Assert.All(session.SetCookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("max-age=", string.Join(",", signedIn.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverHttp_NoHsts()
    {
        var response = await _app.Anonymous().GetAsync("/login");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("big-value")]
    [InlineData("many-fields")]
    [InlineData("long-key")]
    public async Task LoginPage_HostileForm_Returns4xxWithoutTypeNames(string kind)
    {
        var fields = new Dictionary<string, string> { ["username"] = "coord.oslo" };
        switch (kind)
        {
            case "big-value":
                fields["password"] = new string('x', 5 * 1024 * 1024);
                break;
            case "many-fields":
                foreach (var i in Enumerable.Range(0, 1100))
                {
                    fields[$"f{i}"] = "1";
                }
                break;
            default:
                fields[new string('k', 3000)] = "1";
                break;
        }
        var response = await new PageSession(_app.Anonymous()).PostFormAsync("/login", "/login", fields);
        Assert.InRange((int)response.StatusCode, 400, 499);
        AssertNoTypeNames(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongJsonType_ErrorNamesFieldNotType()
    {
        var client = await _app.ClientAsync("coord.oslo");
        var response = await client.PostAsync("/api/screenings", new StringContent("{\"centre\": \"oslo\", \"answers\": 5}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("answers", body, StringComparison.Ordinal);
        AssertNoTypeNames(body);
    }

    [Fact]
    public async Task MissingBody_ErrorHasNoTypeNames()
    {
        var client = await _app.ClientAsync("coord.oslo");
        var response = await client.PostAsync("/api/screenings", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNoTypeNames(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(2015, 6, 1)]
    [InlineData(1890, 6, 1)]
    public async Task Fodselsnummer_BirthDateInFutureOrOver120YearsAgo_Refused(int year, int month, int day)
    {
        // Valid check digits; only the date of birth is impossible (the test clock is 2014-11-01).
        var number = Enumerable.Range(0, 1000)
            .Select(i => NationalIdNumber.Create(new NodaTime.LocalDate(year, month, day), i, NationalIdKind.Fodselsnummer))
            .First(n => n is not null)!.Value;
        var response = await (await _app.ClientAsync("coord.oslo")).PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo", screenedOn = "2014-03-01", person = new { name = "X", nationalId = number.Value }, answers = TestPeople.AllYes,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("fodselsnummer-birth-date", (await TrialApi.ProblemAsync(response)).GetProperty("code").GetString());
    }

    /// <summary>An address the outbox could never send to is refused when typed, naming the field; nothing is written.</summary>
    [Theory]
    [InlineData("email", "kari nordmann@example.org", "person.email")]
    [InlineData("email", "Kari <kari@example.org>", "person.email")]
    [InlineData("email", "kari@localhost", "person.email")]
    [InlineData("phone", "12 34", "person.phone")]
    [InlineData("phone", "ring meg", "person.phone")]
    public async Task Screening_UnsendableAddress_Refused(string kind, string value, string field)
    {
        var client = await _app.ClientAsync("coord.oslo");
        var person = Interlocked.Increment(ref _person);
        var response = await client.PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo", screenedOn = "2014-03-01", answers = TestPeople.AllYes,
            person = kind == "email"
                ? (object)new { name = "X", nationalId = TestPeople.NationalId(person), email = value }
                : new { name = "X", nationalId = TestPeople.NationalId(person), phone = value },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await TrialApi.ProblemAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        // Nothing was written: the same person screens fine with a good address.
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.ScreenAsync(client, "oslo", person)).StatusCode);
    }

    [Fact]
    public async Task Conflict_IsNotLoggedAsError()
    {
        var client = await _app.ClientAsync("coord.oslo");
        var person = Interlocked.Increment(ref _person);
        await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(client, "oslo", person));
        _logs.Entries.Clear();

        var duplicate = await TrialApi.ScreenAsync(client, "oslo", person);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task InternalError_IsLoggedOnceWithTheTraceIdTheResponseCarries()
    {
        var client = await _app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(client, "oslo", Interlocked.Increment(ref _person));
        _logs.Entries.Clear();

        var response = await TrialApi.RandomiseAsync(client, id, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        AssertNoTypeNames(body);
        Assert.DoesNotContain("at Trial.", body, StringComparison.Ordinal);
        var traceId = JsonDocument.Parse(body).RootElement.GetProperty("traceId").GetString()!;
        var errors = _logs.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Contains(traceId, error.Message, StringComparison.Ordinal);
        Assert.IsType<BrokenFollowup.Failure>(error.Exception);
    }

    private static void AssertNoTypeNames(string text)
    {
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Trial.Enrollment", text, StringComparison.Ordinal);
        Assert.DoesNotContain("IFormCollection", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Request request", text, StringComparison.Ordinal);
    }

    /// <summary>Follow-up failing for a reason nobody foresaw, to produce a genuine 500.</summary>
    private sealed class BrokenFollowup : IFollowupContact
    {
        public Task ScheduleAsync(ScheduleRequest request, DbTransaction transaction, CancellationToken cancellationToken) => throw new Failure();

        public Task StopContactAsync(StopContactRequest request, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

        public sealed class Failure() : Exception("scheduling broke");
    }
}
