using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Organisations;

/// <summary>
/// Organisation separation (seed 002; issue #9) on PostgreSQL: role × organisation kind × centre × endpoint × field.
/// The people are at oslo and screened by the health trust (coord.oslo, Diakonhjemmet); each cell records what one
/// user gets from one endpoint for one field: a status, or whether the field (row, name, value) is shown. The protocol's
/// fieldAccess gives clinical fields to health-trust and sponsor staff and NAV case data to NAV and sponsor staff; a
/// NAV user knows nothing of a person the health trust screened until that person consents.
/// </summary>
public class OrganisationSeparationTests(OrganisationSeparationTests.Fixture fixture) : IClassFixture<OrganisationSeparationTests.Fixture>
{
    /// <summary>One service on PostgreSQL with the real Follow-up (its occasions and phone entry).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TrialTestApp App { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = await TrialTestApp.StartAsync(Trial.Enrollment.Persistence.DatabaseProvider.Postgres, "organisations", registerFollowup: false);
            await TrialApi.SetSeedAsync(App);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    // Columns: role, organisation kind, centre of the people (own) or another (other).
    private static readonly string[] Users =
    [
        "coord.oslo",         // coordinator, health trust, own
        "coord.oslo.nav",     // coordinator, NAV, own
        "coord.hadeland.ht",  // coordinator, health trust, other
        "coord.hadeland",     // coordinator, NAV, other
        "manager",            // trial manager, sponsor, own
        "manager.hadeland",   // trial manager, sponsor, other
        "statistician",       // statistician, sponsor, own
        "auditor",            // auditor, sponsor, own
    ];

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        // A person the health trust screened who has not consented: in the list (by research ID, by name), in detail.
        ["api list · unconsented · row"] = ["shown", "hidden", "hidden", "hidden", "shown", "hidden", "shown", "403"],
        ["api list · unconsented · name search"] = ["shown", "hidden", "hidden", "hidden", "shown", "hidden", "hidden", "403"],
        ["api detail · unconsented"] = ["200", "404", "403", "403", "200", "403", "200", "403"],
        ["api consent · unconsented"] = ["200", "404", "403", "403", "200", "403", "403", "403"],
        // A consented person: identities for the roles that meet participants, of either organisation.
        ["api detail · consented · name"] = ["shown", "shown", "403", "403", "shown", "403", "hidden", "403"],
        ["api detail · consented · nationalId"] = ["shown", "shown", "403", "403", "shown", "403", "hidden", "403"],
        // Baseline form fields, read.
        ["api baseline get · mini_diagnosis"] = ["shown", "hidden", "403", "403", "shown", "403", "shown", "403"],
        ["api baseline get · severity"] = ["shown", "hidden", "403", "403", "shown", "403", "shown", "403"],
        ["api baseline get · nav_benefit"] = ["hidden", "shown", "403", "403", "shown", "403", "shown", "403"],
        ["api baseline get · born_norway"] = ["shown", "shown", "403", "403", "shown", "403", "shown", "403"],
        // Baseline form fields, recorded (with the required born_norway).
        ["api baseline put · mini_diagnosis"] = ["200", "403", "403", "403", "200", "403", "403", "403"],
        ["api baseline put · severity"] = ["200", "403", "403", "403", "200", "403", "403", "403"],
        ["api baseline put · nav_benefit"] = ["403", "200", "403", "403", "200", "403", "403", "403"],
        ["api baseline put · born_norway"] = ["200", "200", "403", "403", "200", "403", "403", "403"],
        // Screening: the MINI severity is clinical; the organisation is the user's own, never the body's.
        ["api screen · severity"] = ["201", "403", "403", "403", "201", "403", "403", "403"],
        ["api screen · organisation nav-oslo in body"] = ["400", "201", "403", "403", "400", "403", "403", "403"],
        // Follow-up answers by phone: clinical questionnaires (HADS) for health-trust staff, the others for all.
        ["api followup entry · hads"] = ["201", "403", "403", "403", "201", "403", "403", "403"],
        ["api followup entry · ladder"] = ["201", "201", "403", "403", "201", "403", "403", "403"],
        // Screening correction: coordinators at the centre and the trial manager; NAV knows nothing of an unconsented
        // person, and may not record the clinical severity of a consented one.
        ["api correction · unconsented"] = ["200", "404", "403", "403", "200", "403", "403", "403"],
        ["api correction · consented · severity"] = ["200", "403", "403", "403", "200", "403", "403", "403"],
        // Re-consent (the protocol's only form is in force, so an allowed user gets 409 consent-form-current) and its list.
        ["api reconsent · consented"] = ["409", "409", "403", "403", "409", "403", "403", "403"],
        ["api reconsents due"] = ["200", "200", "200", "200", "200", "200", "403", "403"],
        // Fidelity reviews: created by a trial manager of the centre; read by the roles that follow the service there.
        ["api fidelity review create · oslo"] = ["403", "403", "403", "403", "201", "403", "403", "403"],
        ["api fidelity trend · oslo"] = ["200", "200", "403", "403", "200", "403", "200", "200"],
        // The trial manager's verbs: closing recruitment is for a manager of every centre (an empty reason stops it at 400).
        ["api manager · close recruitment"] = ["403", "403", "403", "403", "400", "403", "403", "403"],
        ["api manager · lock status"] = ["200", "200", "200", "200", "200", "200", "200", "200"],
        // The audit chain check: the auditor and the trial manager.
        ["api audit verify"] = ["403", "403", "403", "403", "200", "200", "403", "200"],
        // The same on the pages.
        ["page reconsents"] = ["200", "200", "200", "200", "200", "200", "403", "403"],
        ["page manager"] = ["403", "403", "403", "403", "200", "200", "403", "403"],
        ["page audit"] = ["403", "403", "403", "403", "200", "200", "403", "200"],
        ["page list · unconsented · row"] = ["shown", "hidden", "hidden", "hidden", "shown", "hidden", "shown", "403"],
        ["page detail · unconsented"] = ["200", "404", "403", "403", "200", "403", "200", "403"],
        ["page baseline form · mini_diagnosis"] = ["shown", "hidden", "403", "403", "shown", "403", "403", "403"],
        ["page baseline form · nav_benefit"] = ["hidden", "shown", "403", "403", "shown", "403", "403", "403"],
        ["page followup entry · hads"] = ["shown", "hidden", "403", "403", "shown", "403", "403", "403"],
        ["page followup entry · ladder"] = ["shown", "shown", "403", "403", "shown", "403", "403", "403"],
    };

    public static TheoryData<string, string, string> Cells()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (cell, expected) in Expected)
        {
            for (var i = 0; i < Users.Length; i++)
            {
                data.Add(cell, Users[i], expected[i]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell_ForRoleOrganisationAndCentre_ShowsOrRefusesTheField(string cell, string username, string expected)
    {
        var app = fixture.App;
        var healthTrust = await app.ClientAsync("coord.oslo");
        var client = await app.ClientAsync(username);
        var person = ApiFixture.NextPerson();
        var observed = cell switch
        {
            "api list · unconsented · row" => await RowAsync(client, $"/api/participants?q={await ResearchIdAsync(healthTrust, await ScreenedAsync(healthTrust, person))}"),
            "api list · unconsented · name search" => await RowAsync(client, $"/api/participants?q={Uri.EscapeDataString(await NameOfScreenedAsync(healthTrust, person))}"),
            "api detail · unconsented" => Status(await client.GetAsync($"/api/participants/{await ScreenedAsync(healthTrust, person)}")),
            "api consent · unconsented" => Status(await TrialApi.ConsentAsync(client, await ScreenedAsync(healthTrust, person))),
            "api detail · consented · name" => await PropertyAsync(await client.GetAsync($"/api/participants/{await TrialApi.ConsentedAsync(healthTrust, "oslo", person)}"), "name"),
            "api detail · consented · nationalId" => await PropertyAsync(await client.GetAsync($"/api/participants/{await TrialApi.ConsentedAsync(healthTrust, "oslo", person)}"), "nationalId"),
            _ when cell.StartsWith("api baseline get · ", StringComparison.Ordinal) =>
                await BaselineFieldAsync(await client.GetAsync($"/api/participants/{await WithBaselineAsync(app, person)}/baseline"), cell.Split(" · ")[1]),
            _ when cell.StartsWith("api baseline put · ", StringComparison.Ordinal) =>
                Status(await BaselineForms.PutAsync(client, await TrialApi.ConsentedAsync(healthTrust, "oslo", person), PutValues(cell.Split(" · ")[1]))),
            "api screen · severity" => Status(await ScreenAsync(client, person, severity: "severe")),
            "api screen · organisation nav-oslo in body" => Status(await ScreenAsync(client, person, organisation: "nav-oslo")),
            _ when cell.StartsWith("api followup entry · ", StringComparison.Ordinal) =>
                Status(await client.PostAsJsonAsync($"/api/followup/occasions/{await BaselineOccasionAsync(app, person)}/responses",
                    new { mode = "phone", answers = Answers(cell.Split(" · ")[1]) })),
            "api correction · unconsented" => Status(await CorrectAsync(client, await ScreenedAsync(healthTrust, person), null)),
            "api correction · consented · severity" => Status(await CorrectAsync(client, await TrialApi.ConsentedAsync(healthTrust, "oslo", person), "severe")),
            "api reconsent · consented" => Status(await client.PostAsJsonAsync($"/api/participants/{await TrialApi.ConsentedAsync(healthTrust, "oslo", person)}/reconsent",
                new { formVersion = "1.0" })),
            "api reconsents due" => Status(await client.GetAsync("/api/reconsents/due")),
            "api fidelity review create · oslo" => Status(await client.PostAsJsonAsync("/api/fidelity/reviews",
                new { centre = "oslo", scale = "ips-25", reviewDate = new NodaTime.LocalDate(2010, 1, 1).PlusDays(person % 1000).ToString("R", null), reviewers = new[] { "A", "B" } })),
            "api fidelity trend · oslo" => Status(await client.GetAsync("/api/fidelity/centres/oslo/trend")),
            "api manager · close recruitment" => Status(await client.PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "" })),
            "api manager · lock status" => Status(await client.GetAsync("/api/trial/lock")),
            "api audit verify" => Status(await client.GetAsync("/api/audit/verify")),
            "page reconsents" => await PageStatusAsync(app, username, "/reconsents"),
            "page manager" => await PageStatusAsync(app, username, "/manager"),
            "page audit" => await PageStatusAsync(app, username, "/audit"),
            "page list · unconsented · row" => await PageListAsync(app, username, healthTrust, await ScreenedAsync(healthTrust, person)),
            "page detail · unconsented" => await PageStatusAsync(app, username, $"/participants/{await ScreenedAsync(healthTrust, person)}"),
            _ when cell.StartsWith("page baseline form · ", StringComparison.Ordinal) => await PageShowsAsync(app, username,
                $"/participants/{await TrialApi.ConsentedAsync(healthTrust, "oslo", person)}/baseline", $"name=\"values.{cell.Split(" · ")[1]}\""),
            _ when cell.StartsWith("page followup entry · ", StringComparison.Ordinal) =>
                await PageShowsAsync(app, username, $"/followup/occasions/{await BaselineOccasionAsync(app, person)}/answers", $"name=\"q.{cell.Split(" · ")[1]}."),
            _ => throw new ArgumentException(cell),
        };
        Assert.Equal(expected, observed);
    }

    [Fact]
    public async Task Screen_ByNavUser_IsRecordedAsTheirOwnOrganisationAndAudited()
    {
        var nav = await fixture.App.ClientAsync("coord.oslo.nav");
        var id = await TrialApi.ScreenedIdAsync(await ScreenAsync(nav, ApiFixture.NextPerson()));
        Assert.Equal("nav-oslo", await ScalarAsync($"SELECT organisation FROM participants WHERE id = '{id}'"));
        Assert.Contains("\"organisation\":\"nav-oslo\"", await ScalarAsync(
            $"SELECT payload FROM audit_entries WHERE action = 'screening.recorded' AND subject = '{id}'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_NameFieldAndRule_AndWriteNothing()
    {
        var app = fixture.App;
        var nav = await app.ClientAsync("coord.oslo.nav");
        var healthTrust = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(healthTrust, "oslo", ApiFixture.NextPerson());
        var before = await ScalarAsync($"SELECT count(*) FROM baseline_answers WHERE participant_id = '{id}'");

        var put = await BaselineForms.PutAsync(nav, id, new Dictionary<string, object?> { ["born_norway"] = true, ["severity"] = "moderate" });
        var problem = await TrialApi.ProblemAsync(put);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(("values.severity", "organisation-may-record"), (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString()));
        Assert.Equal(before, await ScalarAsync($"SELECT count(*) FROM baseline_answers WHERE participant_id = '{id}'"));

        var count = await ScalarAsync("SELECT count(*) FROM participants");
        var screen = await ScreenAsync(healthTrust, ApiFixture.NextPerson(), organisation: "nav-oslo");
        Assert.Equal(HttpStatusCode.BadRequest, screen.StatusCode);
        var screenProblem = await TrialApi.ProblemAsync(screen);
        Assert.True(screenProblem.GetProperty("errors").TryGetProperty("organisation", out _));
        Assert.Equal("own-organisation", screenProblem.GetProperty("code").GetString());
        Assert.Equal(count, await ScalarAsync("SELECT count(*) FROM participants"));

        var occasion = await BaselineOccasionAsync(app, ApiFixture.NextPerson());
        var entry = await nav.PostAsJsonAsync($"/api/followup/occasions/{occasion}/responses", new { mode = "phone", answers = Answers("hads") });
        var entryProblem = await TrialApi.ProblemAsync(entry);
        Assert.Equal(("answers.hads", "organisation-may-record"), (entryProblem.GetProperty("field").GetString(), entryProblem.GetProperty("code").GetString()));
        var state = await (await healthTrust.GetAsync($"/api/followup/participants/{await ParticipantOfAsync(occasion)}/occasions")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual("completed", state[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task NavUser_AfterConsent_SeesThePerson_WithoutClinicalFields()
    {
        var app = fixture.App;
        var nav = await app.ClientAsync("coord.oslo.nav");
        var healthTrust = await app.ClientAsync("coord.oslo");
        var id = await ScreenedAsync(healthTrust, ApiFixture.NextPerson());
        Assert.Equal(HttpStatusCode.NotFound, (await nav.GetAsync($"/api/participants/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await TrialApi.ConsentAsync(healthTrust, id)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await nav.GetAsync($"/api/participants/{id}")).StatusCode);
        var baseline = await nav.GetFromJsonAsync<JsonElement>($"/api/participants/{id}/baseline");
        Assert.Equal(["involuntary_admission", "mini_diagnosis", "severity", "years_mental_complaints"],
            baseline.GetProperty("hidden").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
    }

    // ---- the people and the observations

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A screening correction that changes an answer (and, when given, the severity), for the reason "entry-error".</summary>
    private static Task<HttpResponseMessage> CorrectAsync(HttpClient client, Guid id, string? severity) =>
        client.PostAsJsonAsync($"/api/participants/{id}/screening/corrections",
            new { reasonCode = "entry-error", answers = severity is null ? new Dictionary<string, bool>(TestPeople.AllYes) { ["wants-work"] = false } : TestPeople.AllYes, severity });

    private static Task<HttpResponseMessage> ScreenAsync(HttpClient client, int person, string? severity = null, string? organisation = null) =>
        client.PostAsJsonAsync("/api/screenings", new
        {
            centre = "oslo",
            organisation,
            screenedOn = "2014-03-01",
            person = new { name = $"Person {person}", nationalId = TestPeople.NationalId(person) },
            answers = TestPeople.AllYes,
            severity,
        });

    private static async Task<Guid> ScreenedAsync(HttpClient healthTrust, int person) =>
        await TrialApi.ScreenedIdAsync(await ScreenAsync(healthTrust, person));

    private static async Task<string> NameOfScreenedAsync(HttpClient healthTrust, int person)
    {
        await ScreenedAsync(healthTrust, person);
        return $"Person {person}";
    }

    private static async Task<string> ResearchIdAsync(HttpClient healthTrust, Guid id) =>
        (await healthTrust.GetFromJsonAsync<JsonElement>($"/api/participants/{id}")).GetProperty("researchId").GetString()!;

    private static async Task<string> RowAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Status(response);
        }
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rows = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("rows");
        return rows.GetArrayLength() == 1 ? "shown" : rows.GetArrayLength() == 0 ? "hidden" : $"{rows.GetArrayLength()} rows";
    }

    private static async Task<string> PropertyAsync(HttpResponseMessage response, string property)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Status(response);
        }
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return view.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? "shown" : "hidden";
    }

    private static async Task<string> BaselineFieldAsync(HttpResponseMessage response, string field)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Status(response);
        }
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        var shown = view.GetProperty("values").TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;
        var hidden = view.GetProperty("hidden").EnumerateArray().Any(h => h.GetString() == field);
        return (shown, hidden) switch { (true, false) => "shown", (false, true) => "hidden", _ => $"shown={shown} hidden={hidden}" };
    }

    /// <summary>A consented person whose form the health trust (clinical fields) and NAV (nav_benefit) have both recorded.</summary>
    private static async Task<Guid> WithBaselineAsync(TrialTestApp app, int person)
    {
        var healthTrust = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(healthTrust, "oslo", person);
        Assert.Equal(HttpStatusCode.OK, (await BaselineForms.PutAsync(healthTrust, id, BaselineForms.Complete)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BaselineForms.PutAsync(await app.ClientAsync("coord.oslo.nav"), id,
            new Dictionary<string, object?> { ["born_norway"] = true, ["nav_benefit"] = "aap" })).StatusCode);
        return id;
    }

    private static Dictionary<string, object?> PutValues(string field) => field switch
    {
        "born_norway" => new() { ["born_norway"] = false },
        "nav_benefit" => new() { ["born_norway"] = true, ["nav_benefit"] = "aap" },
        "mini_diagnosis" => new() { ["born_norway"] = true, ["mini_diagnosis"] = "depression" },
        _ => new() { ["born_norway"] = true, [field] = "moderate" },
    };

    private static Dictionary<string, Dictionary<string, int?>> Answers(string instrument) => instrument switch
    {
        "hads" => new() { ["hads"] = new[] { "a", "d" }.SelectMany(s => Enumerable.Range(1, 7).Select(i => $"{s}{i}")).ToDictionary(k => k, _ => (int?)1) },
        _ => new() { ["ladder"] = new() { ["step"] = 6 } },
    };

    /// <summary>The m0 occasion of a person randomised today (the service's date), open for phone entry now.</summary>
    private static async Task<Guid> BaselineOccasionAsync(TrialTestApp app, int person)
    {
        var manager = await app.ClientAsync("manager");
        var id = await TrialApi.ConsentedAsync(manager, "oslo", person, "2014-11-01");
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString())).StatusCode);
        var occasions = await manager.GetFromJsonAsync<JsonElement>($"/api/followup/participants/{id}/occasions");
        return occasions[0].GetProperty("occasionId").GetGuid();
    }

    private async Task<Guid> ParticipantOfAsync(Guid occasion) => Guid.Parse(await ScalarAsync($"SELECT participant FROM followup.occasion WHERE id = '{occasion}'"));

    private static async Task<PageSession> PageAsync(TrialTestApp app, string username)
    {
        var session = new PageSession(app.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync(username, TrialTestApp.Password)).StatusCode);
        return session;
    }

    private static async Task<string> PageStatusAsync(TrialTestApp app, string username, string path)
    {
        var response = await (await PageAsync(app, username)).GetAsync(path);
        return response.StatusCode == HttpStatusCode.Redirect ? $"302 {response.Headers.Location}" : Status(response);
    }

    /// <summary>Searched by research ID; the row is the link to the person's page (the search box echoes the ID).</summary>
    private static async Task<string> PageListAsync(TrialTestApp app, string username, HttpClient healthTrust, Guid id) =>
        await PageShowsAsync(app, username, $"/participants?q={await ResearchIdAsync(healthTrust, id)}", $"href=\"/participants/{id}\"");

    private static async Task<string> PageShowsAsync(TrialTestApp app, string username, string path, string marker)
    {
        var response = await (await PageAsync(app, username)).GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Status(response);
        }
        return (await response.Content.ReadAsStringAsync()).Contains(marker, StringComparison.Ordinal) ? "shown" : "hidden";
    }

    private async Task<string> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
