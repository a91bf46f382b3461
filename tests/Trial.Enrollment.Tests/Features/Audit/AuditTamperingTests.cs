using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Audit;

/// <summary>
/// A privileged attacker (superuser, triggers bypassed) edits or deletes audit rows; verification must name the damage.
/// Without the bypass, the append-only trigger refuses the change outright.
/// </summary>
[Trait("db", "postgres")]
public class AuditTamperingTests
{
    private static async Task<TrialTestApp> AppWithActivityAsync()
    {
        var app = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "tamper");
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        for (var i = 0; i < 3; i++)
        {
            var id = await TrialApi.ConsentedAsync(oslo, "oslo", 260_000 + i);
            await TrialApi.RandomiseAsync(oslo, id, Guid.NewGuid().ToString());
        }
        return app;
    }

    private static async Task ExecuteAsSuperuserAsync(TrialTestApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SET session_replication_role = replica; " + sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<AuditVerification> VerifyAsync(TrialTestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<TrialDbContext>(), CancellationToken.None);
    }

    [Fact]
    public async Task Verify_EditedArmInRandomisationEntry_ReportsEdited()
    {
        await using var app = await AppWithActivityAsync();
        await ExecuteAsSuperuserAsync(app, """
            UPDATE audit_entries SET payload = replace(payload, '"arm":"ips"', '"arm":"control"')
            WHERE id = (SELECT min(id) FROM audit_entries WHERE action = 'randomisation.allocated' AND payload LIKE '%"arm":"ips"%')
            """);
        var result = await VerifyAsync(app);
        Assert.Contains(result.Problems, p => p.Message.Contains("edited", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_DeletedMiddleEntry_ReportsMissing()
    {
        await using var app = await AppWithActivityAsync();
        await ExecuteAsSuperuserAsync(app, "DELETE FROM audit_entries WHERE chain = 'oslo' AND chain_seq = 3");
        var result = await VerifyAsync(app);
        Assert.Contains(result.Problems, p => p.Message.Contains("missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_DeletedLastEntry_ReportsHeadMismatch()
    {
        await using var app = await AppWithActivityAsync();
        await ExecuteAsSuperuserAsync(app, "DELETE FROM audit_entries WHERE id = (SELECT max(id) FROM audit_entries WHERE chain = 'oslo')");
        var result = await VerifyAsync(app);
        Assert.Contains(result.Problems, p => p.Message.Contains("head records", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_EditedTimestamp_ReportsEdited()
    {
        await using var app = await AppWithActivityAsync();
        await ExecuteAsSuperuserAsync(app, "UPDATE audit_entries SET at = at - interval '1 day' WHERE chain = 'oslo' AND chain_seq = 2");
        Assert.False((await VerifyAsync(app)).Intact);
    }

    [Fact]
    public async Task Update_WithoutBypass_IsRefusedByTrigger()
    {
        await using var app = await AppWithActivityAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE audit_entries SET actor = 'someone else'", connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Randomisation_IsRefusedByTrigger()
    {
        await using var app = await AppWithActivityAsync();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM randomisations", connection);
        await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }
}

/// <summary>SQLite enforces append-only with its own triggers; an attacker who drops them is still caught by the chain.</summary>
public class SqliteAuditTamperingTests
{
    [Fact]
    public async Task Verify_EditedEntryAfterDroppingTrigger_ReportsEdited()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "tamper");
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        await TrialApi.ConsentedAsync(oslo, "oslo", 270_000);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'x'"));
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER audit_entries_no_update; UPDATE audit_entries SET actor = 'x' WHERE chain_seq = 1");
            var result = await AuditVerifier.VerifyAsync(db, CancellationToken.None);
            Assert.Contains(result.Problems, p => p.Message.Contains("edited", StringComparison.Ordinal));
        }
    }
}
