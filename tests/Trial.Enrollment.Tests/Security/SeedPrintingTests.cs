using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// Only demo mode prints the allocation seed (issue #9): whoever has the seed can regenerate the whole allocation
/// sequence. The real service is run as a child process on PostgreSQL and everything it prints is read.
/// </summary>
[Trait("db", "postgres")]
public sealed partial class SeedPrintingTests
{
    private const string SeedHex = "5eed0fa11ca7105eed0fa11ca7105eed0fa11ca7105eed0fa11ca7105eed0fa1";

    [GeneratedRegex("Demo allocation seed \\(the statistician keeps this\\): ([0-9a-f]{64})")]
    private static partial Regex SeedLine();

    private static async Task<HttpClient> ClientAsync(Uri url, string username)
    {
        var client = new HttpClient { BaseAddress = url };
        var response = await client.PostAsJsonAsync("/api/token", new { username, password = TrialTestApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task DemoMode_PrintsTheSeedInUse()
    {
        var database = await PostgresServer.Instance.CreateDatabaseAsync("seed_demo");
        using var demo = await ServiceProcess.StartAsync(database, ["--Trial:DemoUsers=SeedAndPrint"]);

        var printed = SeedLine().Match(demo.Output);

        Assert.True(printed.Success, demo.Output);
        // It is the seed the service allocates with: its SHA-256 is the one stored beside the encrypted seed.
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT seed_sha256 FROM allocation_seeds", connection);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(printed.Groups[1].Value))), (string?)await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task NormalMode_NeverShowsTheSeed_InItsOutput_ApiAnswers_OrExport()
    {
        // The test app makes the users; the service under test is a separate process in normal mode.
        string connection;
        await using (var setup = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "seed_hidden", registerFollowup: false))
        {
            connection = setup.ConnectionString;
        }
        using var service = await ServiceProcess.StartAsync(connection);
        var statistician = await ClientAsync(service.Url, "statistician");
        var coordinator = await ClientAsync(service.Url, "coord.oslo");
        List<string> answers = [];

        var set = await statistician.PostAsJsonAsync("/api/allocation/seed", new { seedHex = SeedHex });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        answers.Add(await set.Content.ReadAsStringAsync());
        var id = await TrialApi.ConsentedAsync(coordinator, "oslo", 260_601, "2014-11-01");
        var randomised = await TrialApi.RandomiseAsync(coordinator, id, "seed-hidden");
        Assert.Equal(HttpStatusCode.Created, randomised.StatusCode);
        answers.Add(await randomised.Content.ReadAsStringAsync());
        answers.Add(await coordinator.GetStringAsync($"/api/participants/{id}"));
        answers.Add(await (await statistician.GetAsync("/api/allocation/sequence?stratum=oslo&period=p2-1to1&count=4")).Content.ReadAsStringAsync());
        var again = await statistician.PostAsJsonAsync("/api/allocation/seed", new { seedHex = SeedHex });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        answers.Add(await again.Content.ReadAsStringAsync());
        var export = Path.Combine(Path.GetTempPath(), "seed-hidden-" + Guid.NewGuid().ToString("N")[..10]);
        var (exitCode, exportOutput) = await ServiceProcess.RunAsync(["export", "--out", export, .. ServiceProcess.PostgresArguments(connection)]);
        Assert.Equal(0, exitCode);

        var seed = Convert.FromHexString(SeedHex);
        string[] forms = [SeedHex, SeedHex.ToUpperInvariant(), Convert.ToBase64String(seed)];
        var seen = answers.Concat([service.Output, exportOutput]).Concat(Directory.EnumerateFiles(export, "*", SearchOption.AllDirectories).Select(File.ReadAllText)).ToList();
        Assert.NotEmpty(service.Output);
        Assert.All(seen, text => Assert.DoesNotContain(forms, form => text.Contains(form, StringComparison.Ordinal)));
        Assert.DoesNotContain("Demo allocation seed", service.Output, StringComparison.Ordinal);
    }
}
