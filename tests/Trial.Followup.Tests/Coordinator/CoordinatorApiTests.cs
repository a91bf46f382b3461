using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Followup.Access;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Coordinator;

/// <summary>The coordinator API over HTTP: centre scoping by claims, status counts, phone tasks, manual entry.</summary>
public abstract class CoordinatorApiTests(FollowupDatabase database)
{
    private static readonly string OsloCoordinator = TestAuthentication.Value("coord-1", TrialRoles.Coordinator, "oslo");

    private Task<QuestionnaireHost> HostAsync(string name) => QuestionnaireHost.StartAsync(database, name);

    private static HttpRequestMessage As(string? user, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Add(TestAuthentication.Header, user);
        }
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    private static object PhoneAnswers(int vas = 55) => new
    {
        mode = "phone",
        answers = new Dictionary<string, Dictionary<string, int>> { ["eq5d-vas"] = new() { ["vas"] = vas }, ["ladder"] = new() { ["step"] = 4 } },
    };

    [Fact]
    public async Task Status_OwnCentre_CountsByOccasionAndArm()
    {
        await using var host = await HostAsync("c_status");
        var (_, answered) = await host.ScheduleAsync(arm: "ips");
        await host.ScheduleAsync(arm: "ips");
        await host.ScheduleAsync(arm: "control");
        await host.ScheduleAsync(centre: "bergen", arm: "ips");
        await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(answered), FormAnswers.Complete(Guid.NewGuid()));

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/api/followup/centres/oslo/status"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = json.RootElement.GetProperty("occasions").EnumerateArray()
            .Select(r => (Occasion: r.GetProperty("occasion").GetString(), Arm: r.GetProperty("arm").GetString(), Due: r.GetProperty("due").GetInt32(),
                Completed: r.GetProperty("completed").GetInt32(), Rate: r.GetProperty("responseRate").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("responseRate").GetDecimal()))
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([("m0", "control", 1, 0, 0m), ("m0", "ips", 2, 0, 0m), ("m6", "control", 1, 0, 0m), ("m6", "ips", 1, 1, 0.5m), ("m12", "control", 0, 0, null), ("m12", "ips", 0, 0, null)], rows);
    }

    [Fact]
    public async Task Occasions_OfOwnParticipant_ListsBaselineFirstWithIds_OtherCentreAndUnknownAreRefused()
    {
        await using var host = await HostAsync("c_occasions");
        var (participant, _) = await host.ScheduleAsync(arm: "ips");
        var (bergen, _) = await host.ScheduleAsync(centre: "bergen", arm: "ips");

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, $"/api/followup/participants/{participant.Value}/occasions"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["m0", "m6", "m12"], json.RootElement.EnumerateArray().Select(o => o.GetProperty("occasion").GetString()));
        Assert.NotEqual(Guid.Empty, json.RootElement[0].GetProperty("occasionId").GetGuid());

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, $"/api/followup/participants/{bergen.Value}/occasions"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, $"/api/followup/participants/{Guid.NewGuid()}/occasions"))).StatusCode);
    }

    [Fact]
    public async Task Status_OtherCentre_Returns403Problem()
    {
        await using var host = await HostAsync("c_status_other");
        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/api/followup/centres/bergen/status"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_NotSignedIn_Returns401()
    {
        await using var host = await HostAsync("c_status_anon");
        var response = await host.Client.SendAsync(As(null, HttpMethod.Get, "/api/followup/centres/oslo/status"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Status_StatisticianWithCentreClaim_Returns403()
    {
        await using var host = await HostAsync("c_status_role");
        var statistician = TestAuthentication.Value("stat-1", TrialRoles.Statistician, "oslo");
        var response = await host.Client.SendAsync(As(statistician, HttpMethod.Get, "/api/followup/centres/oslo/status"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task PhoneTasks_OwnCentre_ListsOnlyThatCentresOpenTasks()
    {
        await using var host = await HostAsync("c_phone");
        var (oslo, osloOccasion) = await host.ScheduleAsync();
        var (bergen, bergenOccasion) = await host.ScheduleAsync(centre: "bergen");
        await AddPhoneTaskAsync(host, osloOccasion, oslo.Value, "oslo");
        await AddPhoneTaskAsync(host, bergenOccasion, bergen.Value, "bergen");

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/api/followup/centres/oslo/phone-tasks"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(osloOccasion.Value, Assert.Single(json.RootElement.EnumerateArray().ToList()).GetProperty("occasionId").GetGuid());
    }

    [Fact]
    public async Task PhoneTasks_OtherCentre_Returns403()
    {
        await using var host = await HostAsync("c_phone_other");
        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/api/followup/centres/bergen/phone-tasks"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ManualEntry_ByPhone_StoresModeEnteredByAndScores()
    {
        await using var host = await HostAsync("c_manual");
        var (_, occasion) = await host.ScheduleAsync();

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers()));
        var tables = new QuestionnaireTables(host.Db.Store.Dialect);
        var stored = await host.Db.ScalarAsync<string>($"SELECT mode || '/' || entered_by FROM {tables.Response} WHERE occasion_id = @o", ("o", host.Db.Store.Dialect.Bind(occasion.Value)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("phone/coord-1", OccasionState.Completed), (stored, await host.StateAsync(occasion)));
        Assert.Equal(55m, await Questionnaires.ParticipantPageTests.ScoreAsync(host, occasion, "eq5d-vas", "vas"));
    }

    [Theory]
    [InlineData("2026-06-20T10:00:00Z", "opens")]          // before the 6-month window opens (2026-07-01)
    [InlineData("2026-10-01T10:00:00Z", "grace period")]   // closed 2026-09-09, grace (P2W in followup.yaml) over on 2026-09-23
    public async Task ManualEntry_OccasionNotOpenForEntry_Returns409AndWritesNothing(string now, string named)
    {
        await using var host = await HostAsync("c_manual_closed");
        var (_, occasion) = await host.ScheduleAsync();
        host.Clock.Reset(NodaTime.Text.InstantPattern.ExtendedIso.Parse(now).Value);

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OccasionState.Pending, await host.StateAsync(occasion));
    }

    [Fact]
    public async Task ManualEntry_ClosedWithinGracePeriod_IsStored()
    {
        await using var host = await HostAsync("c_manual_grace");
        var (_, occasion) = await host.ScheduleAsync();
        host.Clock.Reset(NodaTime.Instant.FromUtc(2026, 9, 15, 10, 0));

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(OccasionState.Completed, await host.StateAsync(occasion));
    }

    [Theory]
    [InlineData("1900-01-01T00:00:00Z", "c_manual_1900")]   // before the occasion opened (and before randomisation)
    [InlineData("2099-01-01T00:00:00Z", "c_manual_2099")]   // after now: the answer time lies between the opening and now
    public async Task ManualEntry_AnswerTimeOutsideOpeningToNow_Returns400NamingAnsweredAt(string answeredAt, string database)
    {
        await using var host = await HostAsync(database);
        var (_, occasion) = await host.ScheduleAsync();
        var body = new
        {
            mode = "paper",
            answeredAt,
            answers = new Dictionary<string, Dictionary<string, int>> { ["eq5d-vas"] = new() { ["vas"] = 55 } },
        };

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("answeredAt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OccasionState.Pending, await host.StateAsync(occasion));
    }

    [Fact]
    public async Task ManualEntry_OtherCentresOccasion_Returns403AndWritesNothing()
    {
        await using var host = await HostAsync("c_manual_other");
        var (_, occasion) = await host.ScheduleAsync(centre: "bergen");

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountAsync(new QuestionnaireTables(host.Db.Store.Dialect).Response, occasion));
    }

    [Fact]
    public async Task ManualEntry_OutOfRangeValue_Returns400NamingFieldAndWritesNothing()
    {
        await using var host = await HostAsync("c_manual_range");
        var (_, occasion) = await host.ScheduleAsync();

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers(vas: 140)));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The answer must be from 0 to 100.", json.RootElement.GetProperty("errors").GetProperty("q.eq5d-vas.vas")[0].GetString());
        Assert.Equal(0, await host.CountAsync(new QuestionnaireTables(host.Db.Store.Dialect).Response, occasion));
    }

    [Fact]
    public async Task ManualEntry_WebMode_Returns400NamingMode()
    {
        await using var host = await HostAsync("c_manual_mode");
        var (_, occasion) = await host.ScheduleAsync();
        var body = new { mode = "web", answers = new Dictionary<string, Dictionary<string, int>> { ["ladder"] = new() { ["step"] = 4 } } };

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", body));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty("mode", out _));
    }

    [Fact]
    public async Task ManualEntry_AlreadyAnsweredOnWeb_Returns409()
    {
        await using var host = await HostAsync("c_manual_dup");
        var (_, occasion) = await host.ScheduleAsync();
        await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(occasion), FormAnswers.Complete(Guid.NewGuid()));

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{occasion.Value}/responses", PhoneAnswers()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task ManualEntry_UnknownOccasion_Returns404()
    {
        await using var host = await HostAsync("c_manual_404");
        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Post, $"/api/followup/occasions/{Guid.NewGuid()}/responses", PhoneAnswers()));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_OwnCentre_ShowsCountsAndPhoneListInNorwegian()
    {
        await using var host = await HostAsync("c_page");
        var (participant, occasion) = await host.ScheduleAsync();
        await AddPhoneTaskAsync(host, occasion, participant.Value, "oslo");

        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/followup/centres/oslo"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Oppfølging – oslo</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"/participants/{participant.Value:D}", html, StringComparison.Ordinal);
        Assert.Contains($"/followup/occasions/{occasion.Value:D}/answers", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_OtherCentre_Returns403PageInEnglish()
    {
        await using var host = await HostAsync("c_page_other");
        var response = await host.Client.SendAsync(As(OsloCoordinator, HttpMethod.Get, "/followup/centres/bergen?lang=en"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You have no access to this centre.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>What the schedule's phone-task job writes after the last reminder (its table, its columns).</summary>
    private static Task AddPhoneTaskAsync(QuestionnaireHost host, OccasionId occasion, Guid participant, string centre)
    {
        var d = host.Db.Store.Dialect;
        return host.Db.InTransactionAsync(async tx =>
        {
            await using var command = Trial.Followup.Storage.SqlStatement.Create(tx,
                $"INSERT INTO {d.PhoneTask} (id, occasion_id, participant, centre_code, created_at, state) VALUES (@id, @o, @p, @c, @at, 'open')",
                ("id", d.Bind(Guid.NewGuid())), ("o", d.Bind(occasion.Value)), ("p", d.Bind(participant)), ("c", centre), ("at", d.Bind(host.Clock.GetCurrentInstant())));
            await command.ExecuteNonQueryAsync();
        });
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class CoordinatorApiPostgresTests() : CoordinatorApiTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class CoordinatorApiSqliteTests() : CoordinatorApiTests(FollowupDatabase.Sqlite);
