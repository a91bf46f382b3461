using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>
/// The real service process is killed with SIGKILL while 16 clients randomise, then restarted; every client retries
/// with its idempotency key. No confirmed allocation may be lost or changed, none duplicated, no slot skipped, and the
/// audit chain must verify (also through the `audit verify` command).
/// </summary>
[Trait("db", "postgres")]
public class KillDuringRandomisationTests
{
    private const string SeedHex = "feedfacecafebeef00112233445566778899aabbccddeeff0011223344556677";
    private const int People = 240;

    private static async Task<HttpClient> SignInAsync(ServiceProcess service)
    {
        var client = new HttpClient { BaseAddress = service.Url, Timeout = TimeSpan.FromSeconds(30) };
        var response = await client.PostAsJsonAsync("/api/token", new { username = "manager", password = TrialTestApp.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static string Key(Guid id) => $"kill9-{id}";

    private const string AllInDatabase = "--Trial:ConcurrentRandomisations=64";

    [Fact]
    public async Task Randomise_ServiceKilledDuringLoad_KeepsEveryConfirmedAllocationOnce()
    {
        await using var setup = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "kill9");
        await TrialApi.SetSeedAsync(setup, SeedHex);
        var people = await Population.ConsentAsync(setup.Services, People, early: 150, firstPerson: 150_000);

        var confirmed = new ConcurrentDictionary<Guid, string>();
        // Every worker's request in the database when the process dies, not queued at the service's gate.
        using (var first = await ServiceProcess.StartAsync(setup.ConnectionString, [AllInDatabase]))
        {
            using var client = await SignInAsync(first);
            var queue = new ConcurrentQueue<(Guid Id, string RandomiseOn)>(people);
            var killed = 0;
            var workers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (Volatile.Read(ref killed) == 0 && queue.TryDequeue(out var person))
                {
                    try
                    {
                        var response = await TrialApi.RandomiseAsync(client, person.Id, Key(person.Id));
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            confirmed[person.Id] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arm").GetString()!;
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        // In flight when the process died: the outcome is unknown to this client.
                    }
                    if (confirmed.Count >= 50 && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        first.KillHard();
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);
            Assert.Equal(1, killed);
        }

        using (var second = await ServiceProcess.StartAsync(setup.ConnectionString))
        {
            using var client = await SignInAsync(second);
            foreach (var person in people)
            {
                var response = await TrialApi.RandomiseAsync(client, person.Id, Key(person.Id));
                var arm = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arm").GetString();
                if (confirmed.TryGetValue(person.Id, out var before))
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(before, arm);
                }
                else
                {
                    Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.OK });
                }
            }
        }

        await AllocationInvariants.AssertAsync(setup.Services, Convert.FromHexString(SeedHex), People);
        var (exitCode, output) = await ServiceProcess.RunAsync(["audit", "verify", .. ServiceProcess.PostgresArguments(setup.ConnectionString)]);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Audit trail intact.", output, StringComparison.Ordinal);
    }
}
