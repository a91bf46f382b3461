using System.Collections.Concurrent;
using System.Net;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>SQLite serialises writers (BEGIN IMMEDIATE) instead of row locks; the same invariants must hold.</summary>
public class SqliteConcurrentRandomisationTests
{
    private const string SeedHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Randomise_EightClientsOnSqlite_UsesEverySlotOnce()
    {
        // All 8 clients race in the database, not at the service's gate (RandomisationGate).
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "sqlite-concurrent", settings: ["--Trial:ConcurrentRandomisations=64"]);
        await TrialApi.SetSeedAsync(app, SeedHex);
        var people = await Population.ConsentAsync(app.Services, 120, early: 40, firstPerson: 210_000, parallelism: 4);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.ClientAsync("manager")));
        foreach (var day in people.GroupBy(p => p.RandomiseOn))
        {
            app.Clock.Reset(TrialApi.DayAtNoon(day.Key));
            var queue = new ConcurrentQueue<(Guid Id, string RandomiseOn)>(day);
            await Task.WhenAll(clients.Select(client => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var person))
                {
                    statuses.Add((await TrialApi.RandomiseAsync(client, person.Id, $"sqlite-{person.Id}")).StatusCode);
                }
            })));
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await AllocationInvariants.AssertAsync(app.Services, Convert.FromHexString(SeedHex), 120);
    }
}
