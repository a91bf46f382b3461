using System.Net;
using System.Net.Http.Json;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Access;

/// <summary>
/// Every endpoint × every role × a user scoped to the participant's centre (oslo) or only to another centre (hadeland).
/// Each cell gets a fresh participant in the state the action needs, so the status shows the access decision alone.
/// </summary>
public class AccessMatrixTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    private const int Forbidden = 403;

    // endpoint → expected status for (coordinator, trial-manager, statistician, auditor) × (own centre, other centre).
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["screen"] = [201, Forbidden, 201, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["consent"] = [200, Forbidden, 200, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["randomise"] = [201, Forbidden, 201, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["paper-allocation"] = [Forbidden, Forbidden, 201, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["withdraw"] = [204, Forbidden, 204, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["death"] = [204, Forbidden, 204, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["correct-screening"] = [200, Forbidden, 200, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["mistaken"] = [Forbidden, Forbidden, 204, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden],
        ["list"] = [200, Forbidden, 200, Forbidden, 200, Forbidden, Forbidden, Forbidden],
        ["detail"] = [200, Forbidden, 200, Forbidden, 200, Forbidden, Forbidden, Forbidden],
        ["consort"] = [200, 200, 200, 200, 200, 200, 200, 200],
        ["audit-verify"] = [Forbidden, Forbidden, 200, 200, Forbidden, Forbidden, 200, 200],
        // The seed is already set, so a statistician passes the access check and meets the set-once rule.
        ["seed"] = [Forbidden, Forbidden, Forbidden, Forbidden, 409, 409, Forbidden, Forbidden],
        ["sequence"] = [Forbidden, Forbidden, Forbidden, Forbidden, 200, 200, Forbidden, Forbidden],
    };

    private static readonly string[][] Users =
    [
        ["coord.oslo", "coord.hadeland"],
        ["manager", "manager.hadeland"],
        ["statistician", "statistician.hadeland"],
        ["auditor", "auditor.hadeland"],
    ];

    public static TheoryData<string, string, int> Cells()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, statuses) in Expected)
        {
            for (var i = 0; i < 8; i++)
            {
                data.Add(endpoint, Users[i / 2][i % 2], statuses[i]);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Endpoint_ForRoleAndCentre_ReturnsExpectedStatus(string endpoint, string username, int expected)
    {
        var app = fixture.App;
        var manager = await app.ClientAsync("manager");
        var client = await app.ClientAsync(username);
        var person = ApiFixture.NextPerson();
        var response = endpoint switch
        {
            "screen" => await TrialApi.ScreenAsync(client, "oslo", person),
            "consent" => await TrialApi.ConsentAsync(client, await Screened(manager, person)),
            "randomise" => await TrialApi.RandomiseAsync(client, await TrialApi.ConsentedAsync(manager, "oslo", person), Guid.NewGuid().ToString()),
            "withdraw" => await client.PostAsJsonAsync($"/api/participants/{await TrialApi.ConsentedAsync(manager, "oslo", person)}/withdrawals",
                new { scope = "intervention", effectiveOn = "2014-04-01", reason = "test" }),
            "paper-allocation" => await TrialApi.PaperAllocationAsync(client, await TrialApi.ConsentedAsync(manager, "oslo", person), Guid.NewGuid().ToString()),
            "death" => await client.PostAsJsonAsync($"/api/participants/{await TrialApi.ConsentedAsync(manager, "oslo", person)}/death", new { diedOn = "2014-04-01" }),
            "correct-screening" => await client.PostAsJsonAsync($"/api/participants/{await Screened(manager, person)}/screening/corrections",
                new { reasonCode = "entry-error", answers = new Dictionary<string, bool>(TestPeople.AllYes) { ["wants-work"] = false } }),
            "mistaken" => await client.PostAsJsonAsync($"/api/participants/{await Randomised(manager, person)}/randomisation/mistaken", new { reason = "test" }),
            "list" => await client.GetAsync("/api/participants?centre=oslo"),
            "detail" => await client.GetAsync($"/api/participants/{await Screened(manager, person)}"),
            "consort" => await client.GetAsync("/api/consort"),
            "audit-verify" => await client.GetAsync("/api/audit/verify"),
            "seed" => await client.PostAsJsonAsync("/api/allocation/seed", new { }),
            _ => await client.GetAsync("/api/allocation/sequence?stratum=oslo&period=p2-1to1&count=5"),
        };
        Assert.Equal(expected, (int)response.StatusCode);
    }

    private static async Task<Guid> Screened(HttpClient manager, int person) =>
        await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", person));

    private static async Task<Guid> Randomised(HttpClient manager, int person)
    {
        var id = await TrialApi.ConsentedAsync(manager, "oslo", person);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, Guid.NewGuid().ToString())).StatusCode);
        return id;
    }
}
