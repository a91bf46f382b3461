using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.DatabaseLock;

/// <summary>
/// The database lock locks: the trial manager closes recruitment, then locks follow-up, then `export --lock` locks the
/// database. Each stage refuses its changes with a 409 naming the rule and writes nothing; a data-use withdrawal is
/// still recorded after the lock; every stage is in the audit trail and can't be undone in the database.
/// </summary>
[Trait("db", "postgres")]
public class DatabaseLockTests
{
    private const string Today = "2014-11-01";

    private static readonly Dictionary<string, Dictionary<string, int?>> HadsAllOnes = new()
    {
        ["hads"] = new[] { "a", "d" }.SelectMany(s => Enumerable.Range(1, 7).Select(i => $"{s}{i}")).ToDictionary(k => k, _ => (int?)1),
    };

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string rule)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(rule, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    private static string[] CliDatabase(TrialTestApp app) => app.Provider == DatabaseProvider.Postgres
        ? ["--Trial:Database=Postgres", $"--Trial:ConnectionString={app.ConnectionString}", $"--Trial:MasterKey={TrialTestApp.TestMasterKey}"]
        : ["--Trial:Database=Sqlite", $"--Trial:DataDirectory={app.ConnectionString}", $"--Trial:MasterKey={TrialTestApp.TestMasterKey}"];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Lock_EachStageRefusesItsChanges_NamingTheRule_AndTheDataUseWithdrawalStillCounts(DatabaseProvider provider)
    {
        await using var app = await TrialTestApp.StartAsync(provider, "lock_stages", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var manager = await app.ClientAsync("manager");
        var randomised = await TrialApi.ConsentedAsync(manager, "oslo", 90_001, Today);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, randomised, "lock-1")).StatusCode);
        var consented = await TrialApi.ConsentedAsync(manager, "oslo", 90_002, Today);
        var screened = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", 90_003, screenedOn: Today));
        var occasions = await manager.GetFromJsonAsync<JsonElement>($"/api/followup/participants/{randomised}/occasions");
        var baseline = occasions[0].GetProperty("occasionId").GetGuid();

        // Stages come in order, and only a trial manager of every centre moves them.
        await AssertRefusedAsync(await manager.PostAsJsonAsync("/api/trial/followup/lock", new { reason = "too early" }), "lock-order");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("coord.oslo")).PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsync("manager.hadeland")).PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "x" })).StatusCode);
        var export = Path.Combine(Path.GetTempPath(), "lock-" + Guid.NewGuid().ToString("N")[..10]);
        var early = await ServiceProcess.RunAsync(["export", "--out", export, "--lock", .. CliDatabase(app)]);
        Assert.Equal(3, early.ExitCode);
        Assert.Contains("export --lock needs the trial at lock stage 'followup-locked'", early.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(export) && Directory.EnumerateFileSystemEntries(export).Any());

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "target reached" })).StatusCode);
        await AssertRefusedAsync(await TrialApi.ScreenAsync(manager, "oslo", 90_004, screenedOn: Today), "recruitment-closed");
        await AssertRefusedAsync(await TrialApi.ConsentAsync(manager, screened, on: Today), "recruitment-closed");
        await AssertRefusedAsync(await TrialApi.RandomiseAsync(manager, consented, "lock-2"), "recruitment-closed");
        await AssertRefusedAsync(await TrialApi.PaperAllocationAsync(manager, consented, "lock-3"), "recruitment-closed");
        await AssertRefusedAsync(await manager.PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "again" }), "recruitment-closed");

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync("/api/trial/followup/lock", new { reason = "last 12-month occasion closed" })).StatusCode);
        await AssertRefusedAsync(await manager.PostAsJsonAsync($"/api/followup/occasions/{baseline}/responses",
            new { mode = "phone", answeredAt = "2014-11-01T10:00:00Z", answers = HadsAllOnes }), "followup-locked");
        await AssertRefusedAsync(await manager.PostAsJsonAsync($"/api/participants/{randomised}/death", new { diedOn = Today }), "followup-locked");
        await AssertRefusedAsync(await BaselineForms.PutAsync(manager, randomised, BaselineForms.Complete, Today), "followup-locked");

        var locked = await ServiceProcess.RunAsync(["export", "--out", export, "--lock", "--locked-by", "kari", .. CliDatabase(app)]);
        Assert.True(locked.ExitCode == 0, locked.Output);
        Assert.Contains("database locked by kari", locked.Output, StringComparison.Ordinal);
        await AssertRefusedAsync(await manager.PostAsJsonAsync($"/api/participants/{randomised}/withdrawals",
            new { scope = "intervention", effectiveOn = Today, reason = "asked" }), "database-locked");
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsJsonAsync($"/api/participants/{randomised}/withdrawals",
            new { scope = "data-use", effectiveOn = Today, reason = "asked" })).StatusCode);
        Assert.Equal(3, (await ServiceProcess.RunAsync(["export", "--out", export + "-again", "--lock", .. CliDatabase(app)])).ExitCode);

        var status = await manager.GetFromJsonAsync<JsonElement>("/api/trial/lock");
        Assert.Equal("database-locked", status.GetProperty("stage").GetString());
        Assert.StartsWith("manifest.json sha256 ", status.GetProperty("databasePackage").GetString(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var actions = await db.AuditEntries.Where(e => e.Action.StartsWith("trial.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["trial.recruitment-closed", "trial.followup-locked", "trial.database-locked"], actions);
        // Nothing the refusals touched was written: still one randomisation, three participants, no death.
        Assert.Equal(1, await db.Randomisations.CountAsync());
        Assert.Equal(3, await db.Participants.CountAsync());
        Assert.False(await db.Participants.AnyAsync(p => p.DiedOn != null));
        // And the lock can't be undone in the database.
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE trial_lock SET database_locked_at = NULL"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM trial_lock"));
    }

    [Fact]
    public async Task CloseRecruitment_WhileARandomisationHoldsTheLockRow_WaitsForIt()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "lock_race");
        var manager = await app.ClientAsync("manager");
        // A verb in flight: its transaction has read the lock row FOR SHARE, as every verb does before it writes.
        await using var verb = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await verb.OpenAsync();
        await using var transaction = await verb.BeginTransactionAsync();
        await using (var share = new Npgsql.NpgsqlCommand("SELECT id FROM trial_lock WHERE id = 1 FOR SHARE", verb, transaction))
        {
            await share.ExecuteScalarAsync();
        }
        var close = manager.PostAsJsonAsync("/api/trial/recruitment/close", new { reason = "target reached" });
        // The interleaving happened: the close is queued on the row lock while the verb is still open.
        await using (var watch = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await watch.OpenAsync();
            await using var waiting = new Npgsql.NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", watch);
            while ((long)(await waiting.ExecuteScalarAsync())! == 0)
            {
                Assert.False(close.IsCompleted, "the close finished while a verb held the lock row");
                await Task.Yield();
            }
        }
        Assert.False(close.IsCompleted);
        await transaction.CommitAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await close).StatusCode);
        await AssertRefusedAsync(await TrialApi.ScreenAsync(manager, "oslo", 90_010, screenedOn: Today), "recruitment-closed");
    }
}
