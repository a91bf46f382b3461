using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Randomisation;

/// <summary>Trial:ConcurrentRandomisations: requests beyond it wait in the service, not in the database.</summary>
public class RandomisationGateTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Setting_BelowOne_StopsTheServiceBeforeItStarts_NamingTheSetting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TrialHost.Build(
            ["--Trial:Database=Sqlite", $"--Trial:DataDirectory={Path.Combine(Path.GetTempPath(), "gate-" + Guid.NewGuid().ToString("N"))}",
             $"--Trial:ConcurrentRandomisations={value}", "--environment=Testing"]));
        Assert.Contains($"Trial:ConcurrentRandomisations is {value}", error.Message);
        Assert.Contains("at least 1", error.Message);
    }

    [Fact]
    [Trait("db", "postgres")]
    public async Task SecondRandomisation_WhileTheFirstWaitsInTheDatabase_WaitsAtTheGate()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "gate", settings: ["--Trial:ConcurrentRandomisations=1"]);
        await TrialApi.SetSeedAsync(app);
        var manager = await app.ClientAsync("manager");
        var first = await TrialApi.ConsentedAsync(manager, "oslo", 95_001);
        var second = await TrialApi.ConsentedAsync(manager, "hadeland", 95_002);
        var gate = app.Services.GetRequiredService<RandomisationGate>();

        // The trial-lock row held FOR UPDATE: the first randomisation stops at its share lock, inside the database.
        await using var holder = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT id FROM trial_lock WHERE id = 1 FOR UPDATE", holder, transaction))
        {
            await hold.ExecuteScalarAsync();
        }
        var firstResponse = TrialApi.RandomiseAsync(manager, first, "gate-1");
        await using var watch = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await watch.OpenAsync();
        await using var waiting = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watch);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            await Task.Delay(5);
        }
        var secondResponse = TrialApi.RandomiseAsync(manager, second, "gate-2");
        while (gate.Waiting == 0)
        {
            await Task.Delay(5);
        }

        // The interleaving happened: one randomisation waits in the database, the other at the gate, not on a lock.
        Assert.Equal(1L, (long)(await waiting.ExecuteScalarAsync())!);
        Assert.False(firstResponse.IsCompleted);
        Assert.False(secondResponse.IsCompleted);
        await transaction.CommitAsync();
        Assert.Equal(HttpStatusCode.Created, (await firstResponse).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await secondResponse).StatusCode);
        Assert.Equal(0, gate.Waiting);
    }
}
