using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using System.Data.Common;
using Trial.Schema;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Hosting;

/// <summary>
/// Provider wiring, and at start the one migration mechanism for both providers: the numbered scripts of
/// Persistence/Migrations (research, identity) run by Trial.Schema; Follow-up runs its own component the same way.
/// </summary>
internal static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Server-side prepared statements for the few statements every request repeats (locks, counters, audit).
            var connection = new NpgsqlConnectionStringBuilder(connectionString);
            if (connection.MaxAutoPrepare == 0)
            {
                connection.MaxAutoPrepare = 32;
            }
            builder.UseNpgsql(connection.ConnectionString);
        }
        else
        {
            builder.UseSqlite(connectionString);
        }
        builder.ConfigureWarnings(w => w
            // A failed command is either expected (a unique index refusing a duplicate, turned into a 409) or a real
            // fault, which ProblemMapping logs once with its trace id; EF's own two error lines would double the one
            // and cry wolf on the other.
            .Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    public static async Task InitialiseAsync(IServiceProvider services, TrialHostOptions options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var research = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var identity = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        var dialect = options.SchemaDialect;
        if (dialect == SchemaDialect.Sqlite)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }
        await UpgradeAsync(research, dialect, SchemaComponents.Research, SchemaComponents.LegacyResearchVersionAsync, cancellationToken);
        await UpgradeAsync(identity, dialect, SchemaComponents.Identity, SchemaComponents.LegacyIdentityVersionAsync, cancellationToken);
        await Identity.LegacyIdentitySealing.SealAsync(identity, scope.ServiceProvider.GetRequiredService<Identity.PersonVault>(), cancellationToken);
        await Identity.ResearchFreeTextMove.MoveAsync(research, identity, scope.ServiceProvider.GetRequiredService<Identity.PersonNotes>(), cancellationToken);
        var audit = scope.ServiceProvider.GetRequiredService<Features.Audit.AuditTrail>();
        var clock = scope.ServiceProvider.GetRequiredService<NodaTime.IClock>();
        // Before anything appends: the re-chain of version-1 entries must find no version-2 entry behind them.
        await Features.Audit.AuditHashUpgrade.RunAsync(research, audit,
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Features.Audit.AuditHashUpgrade)), cancellationToken);
        await Features.ProtocolVersions.ProtocolVersionCheck.RunAsync(research, scope.ServiceProvider.GetRequiredService<Protocol.TrialProtocol>(),
            audit, clock, cancellationToken);
        if (dialect == SchemaDialect.Sqlite)
        {
            foreach (var context in new DbContext[] { research, identity })
            {
                await SqliteFileRewrite.RunPendingAsync(context, clock, cancellationToken);
            }
            foreach (var context in new DbContext[] { research, identity })
            {
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Null when the research schema is this release's; otherwise what to do. For <c>audit verify</c>, which must not
    /// change the database it checks, yet cannot read a trail that this release has not re-chained to hash version 2.
    /// </summary>
    public static async Task<string?> NotUpgradedAsync(IServiceProvider services, TrialHostOptions options, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var research = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var dialect = options.SchemaDialect;
        var scripts = SchemaScripts.Load(typeof(DatabaseSetup).Assembly, SchemaComponents.Research, dialect);
        await research.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var pending = await SchemaMigrator.PendingAsync(research.Database.GetDbConnection(), dialect, SchemaComponents.Research, scripts, cancellationToken);
            return pending.Count == 0 ? null
                : $"The database has not been upgraded to this release: its research schema lacks {pending.Count} of this release's {scripts.Count} " +
                  $"migrations (from {pending[0].Version:D4}_{pending[0].Name}). audit verify does not change the database it checks. Start the " +
                  "service once with this release, which upgrades the schema and re-chains the audit trail to hash version 2 (the heads kept " +
                  "before still verify), then verify again; or verify with the release that wrote the database.";
        }
        finally
        {
            await research.Database.CloseConnectionAsync();
        }
    }

    private static async Task UpgradeAsync(DbContext context, SchemaDialect dialect, string component,
        Func<DbTransaction, SchemaDialect, CancellationToken, Task<int>> legacyVersion, CancellationToken cancellationToken)
    {
        var scripts = SchemaScripts.Load(typeof(DatabaseSetup).Assembly, component, dialect);
        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await SchemaMigrator.UpgradeAsync(connection, dialect, component, scripts, (tx, ct) => legacyVersion(tx, dialect, ct), cancellationToken);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
