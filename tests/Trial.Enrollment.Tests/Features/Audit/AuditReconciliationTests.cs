using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Features.Audit;

/// <summary>
/// `audit verify` replays the trail against the tables, so a changed allocation is found even when every hash chain is
/// intact; a head kept outside the database catches a trail that was recomputed to match.
/// </summary>
[Trait("db", "postgres")]
public class AuditReconciliationTests
{
    private static async Task<(TrialTestApp App, List<Guid> Ids)> AppWithActivityAsync(string name)
    {
        var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, name);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = await TrialApi.ConsentedAsync(oslo, "oslo", 280_000 + i + name.Length * 10);
            await TrialApi.RandomiseAsync(oslo, id, Guid.NewGuid().ToString());
            ids.Add(id);
        }
        await oslo.PostAsJsonAsync($"/api/participants/{ids[2]}/withdrawals", new { scope = "followup-contact", effectiveOn = "2014-11-01", reason = "asked" });
        return (app, ids);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(string connectionString, string? expect = null)
    {
        await using var db = new TrialDbContext(new DbContextOptionsBuilder<TrialDbContext>().UseNpgsql(connectionString).Options);
        return await AuditVerifier.VerifyAsync(db, CancellationToken.None, expect);
    }

    [Fact]
    public async Task Verify_ChangedAllocationInCopiedDatabase_NamesParticipantAndColumn()
    {
        var (app, ids) = await AppWithActivityAsync("reconcile");
        var original = app.ConnectionString;
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var copyName = "copy_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(PostgresServer.Instance.AdminConnectionString,
            $"CREATE DATABASE \"{copyName}\" TEMPLATE \"{new NpgsqlConnectionStringBuilder(original).Database}\"");
        var copy = new NpgsqlConnectionStringBuilder(original) { Database = copyName }.ConnectionString;
        Assert.True((await VerifyAsync(copy)).Intact);

        // Someone with the database in hand bypasses the triggers and swaps one arm; the chains stay intact.
        await ExecuteAsync(copy, $"SET session_replication_role = replica; UPDATE randomisations SET arm = CASE arm WHEN 'ips' THEN 'control' ELSE 'ips' END WHERE participant_id = '{ids[1]}'");
        var result = await VerifyAsync(copy);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(ids[1].ToString(), problem.Message, StringComparison.Ordinal);
        Assert.Contains("randomisations.arm", problem.Message, StringComparison.Ordinal);

        var (exitCode, output) = await ServiceProcess.RunAsync(["audit", "verify", .. ServiceProcess.PostgresArguments(copy)]);
        Assert.Equal(4, exitCode);
        Assert.Contains("randomisations.arm", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedWithdrawalAndEditedDeathDate_AreNamed()
    {
        var (app, ids) = await AppWithActivityAsync("reconcile2");
        await using var _ = app;
        await (await app.ClientAsync("coord.oslo")).PostAsJsonAsync($"/api/participants/{ids[0]}/death", new { diedOn = "2014-11-01" });
        await ExecuteAsync(app.ConnectionString, $"""
            SET session_replication_role = replica;
            DELETE FROM withdrawals WHERE participant_id = '{ids[2]}';
            UPDATE participants SET died_on = '2014-10-01' WHERE id = '{ids[0]}';
            """);
        var problems = (await VerifyAsync(app.ConnectionString)).Problems;
        Assert.Contains(problems, p => p.Message.Contains(ids[2].ToString(), StringComparison.Ordinal) && p.Message.Contains("withdrawals[followup-contact]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.Contains(ids[0].ToString(), StringComparison.Ordinal) && p.Message.Contains("participants.died_on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateOrDelete_EventTablesWithoutBypass_AreRefusedByTriggers()
    {
        var (app, ids) = await AppWithActivityAsync("appendonly");
        await using var _ = app;
        foreach (var sql in new[]
                 {
                     $"UPDATE randomisations SET arm = 'tampered' WHERE participant_id = '{ids[0]}'",
                     $"UPDATE randomisations SET mistaken = true, stratum = 'elsewhere' WHERE participant_id = '{ids[0]}'",
                     "UPDATE withdrawals SET effective_on = '2014-01-01'",
                     "DELETE FROM withdrawals",
                 })
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(app.ConnectionString, sql));
            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        }
        // The one change the table allows: setting the mistaken mark, through the API.
        var response = await (await app.ClientAsync("manager")).PostAsJsonAsync($"/api/participants/{ids[0]}/randomisation/mistaken", new { reason = "test" });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        Assert.True((await VerifyAsync(app.ConnectionString)).Intact);
    }

    [Fact]
    public async Task VerifyExpect_TrailRecomputedAfterExport_IsDetected()
    {
        var (app, ids) = await AppWithActivityAsync("expecthead");
        await using var _ = app;
        var folder = Path.Combine(Path.GetTempPath(), "trial-export-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(folder, "test", CancellationToken.None);
        }
        var head = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).RootElement.GetProperty("auditHead").GetString()!;
        // Activity after the export: the kept head is still on the trail's path.
        await TrialApi.ConsentedAsync(await app.ClientAsync("coord.oslo"), "oslo", 289_999);
        Assert.True((await VerifyAsync(app.ConnectionString, head)).Intact);

        // The attacker swaps an arm and recomputes the audit payload, its digest, every later hash and the chain head: the chains and the
        // replay agree again, but the trail no longer passes through the head kept with the export.
        var entries = await ReadChainAsync(app.ConnectionString, "oslo");
        var target = entries.First(e => e.Action == "randomisation.allocated" && e.Subject == ids[1].ToString());
        var arm = JsonDocument.Parse(target.Payload).RootElement.GetProperty("arm").GetString();
        var swapped = arm == "ips" ? "control" : "ips";
        var previous = entries[0].PreviousHash;
        var sql = new System.Text.StringBuilder("SET session_replication_role = replica;");
        foreach (var e in entries)
        {
            if (e.Id == target.Id)
            {
                e.Payload = e.Payload.Replace($"\"arm\":\"{arm}\"", $"\"arm\":\"{swapped}\"", StringComparison.Ordinal);
            }
            e.PayloadDigest = AuditHash.Digest(e.Payload);
            e.PreviousHash = previous;
            e.Hash = AuditHash.Compute(e);
            previous = e.Hash;
            sql.Append($"UPDATE audit_entries SET payload = '{e.Payload.Replace("'", "''", StringComparison.Ordinal)}', payload_digest = '{e.PayloadDigest}', previous_hash = '{e.PreviousHash}', hash = '{e.Hash}' WHERE id = {e.Id};");
        }
        sql.Append($"UPDATE audit_chains SET last_hash = '{previous}' WHERE chain = 'oslo';");
        sql.Append($"UPDATE randomisations SET arm = '{swapped}' WHERE participant_id = '{ids[1]}';");
        await ExecuteAsync(app.ConnectionString, sql.ToString());

        Assert.True((await VerifyAsync(app.ConnectionString)).Intact, "without a kept head the recomputed trail looks intact");
        var result = await VerifyAsync(app.ConnectionString, head);
        Assert.Contains(result.Problems, p => p.Message.Contains("kept head", StringComparison.Ordinal));
        var (exitCode, output) = await ServiceProcess.RunAsync(["audit", "verify", "--expect", head, .. ServiceProcess.PostgresArguments(app.ConnectionString)]);
        Assert.Equal(4, exitCode);
        Assert.Contains("kept head", output, StringComparison.Ordinal);
    }

    private static async Task<List<AuditEntryRecord>> ReadChainAsync(string connectionString, string chain)
    {
        await using var db = new TrialDbContext(new DbContextOptionsBuilder<TrialDbContext>().UseNpgsql(connectionString).Options);
        return await db.AuditEntries.AsNoTracking().Where(e => e.Chain == chain).OrderBy(e => e.ChainSeq).ToListAsync();
    }
}

/// <summary>The same replay on SQLite, where the attacker drops the triggers first.</summary>
public class SqliteAuditReconciliationTests
{
    [Fact]
    public async Task Verify_ChangedAllocationAfterDroppingTriggers_NamesIt()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "reconcile");
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 290_000);
        await TrialApi.RandomiseAsync(oslo, id, Guid.NewGuid().ToString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE randomisations SET arm = 'x'"));
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER randomisations_no_update; UPDATE randomisations SET arm = CASE arm WHEN 'ips' THEN 'control' ELSE 'ips' END");
        var problem = Assert.Single((await AuditVerifier.VerifyAsync(db, CancellationToken.None)).Problems);
        Assert.Contains("randomisations.arm", problem.Message, StringComparison.Ordinal);
    }
}
