using System.Collections.Concurrent;
using System.Net;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

[Trait("db", "postgres")]
public class ConcurrentRandomisationTests
{
    private const string SeedHex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    // Every client's request races in the database itself, not queued at the service's gate (RandomisationGate), so
    // these tests keep proving that the database's locks and unique indexes alone give each slot once.
    private static readonly string[] AllInDatabase = ["--Trial:ConcurrentRandomisations=64"];

    [Fact]
    public async Task Randomise_32ClientsOver2000Participants_UsesEverySlotOnce()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "concurrent", settings: AllInDatabase);
        await TrialApi.SetSeedAsync(app, SeedHex);
        var people = await Population.ConsentAsync(app.Services, 2000, early: 700, firstPerson: 100_000);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var clients = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => app.ClientAsync("manager")));
        // The service randomises on its own date: one day in the 2:1 period, then one in the 1:1 period.
        foreach (var day in people.GroupBy(p => p.RandomiseOn))
        {
            app.Clock.Reset(TrialApi.DayAtNoon(day.Key));
            var queue = new ConcurrentQueue<(Guid Id, string On)>(day);
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var person))
                {
                    var response = await TrialApi.RandomiseAsync(client, person.Id, $"load-{person.Id}");
                    statuses.Add(response.StatusCode);
                }
            })));
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await AllocationInvariants.AssertAsync(app.Services, Convert.FromHexString(SeedHex), 2000);
    }

    [Fact]
    public async Task Randomise_SameParticipantFromEightClients_AllocatesOnce()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "sameperson", settings: AllInDatabase);
        await TrialApi.SetSeedAsync(app, SeedHex);
        var person = (await Population.ConsentAsync(app.Services, 1, early: 0, firstPerson: 200_000)).Single();
        var client = await app.ClientAsync("manager");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => TrialApi.RandomiseAsync(client, person.Id, $"key-{i}")));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await AllocationInvariants.AssertAsync(app.Services, Convert.FromHexString(SeedHex), 1);
    }

    [Fact]
    public async Task Randomise_SameKeyFromEightClients_ReturnsOneAllocation()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "samekey", settings: AllInDatabase);
        await TrialApi.SetSeedAsync(app, SeedHex);
        var person = (await Population.ConsentAsync(app.Services, 1, early: 0, firstPerson: 250_000)).Single();
        var client = await app.ClientAsync("manager");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TrialApi.RandomiseAsync(client, person.Id, "retry-key")));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
    }
}
