using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Hosting;

/// <summary>Provider wiring and start-up schema creation: EF migrations on PostgreSQL, EnsureCreated on embedded SQLite.</summary>
internal static class DatabaseSetup
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString, string? historySchema)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Server-side prepared statements for the few statements every request repeats (locks, counters, audit).
            var connection = new NpgsqlConnectionStringBuilder(connectionString);
            if (connection.MaxAutoPrepare == 0)
            {
                connection.MaxAutoPrepare = 32;
            }
            builder.UseNpgsql(connection.ConnectionString, o => o.MigrationsHistoryTable("__EFMigrationsHistory", historySchema));
        }
        else
        {
            builder.UseSqlite(connectionString);
        }
        // The migrations are SQL scripts (see Persistence/Migrations), so there is no model snapshot to compare with.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)
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
        if (options.Database == DatabaseProvider.Postgres)
        {
            await research.Database.MigrateAsync(cancellationToken);
            await identity.Database.MigrateAsync(cancellationToken);
            return;
        }
        Directory.CreateDirectory(options.DataDirectory);
        foreach (var context in new DbContext[] { research, identity })
        {
            await context.Database.EnsureCreatedAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await research.Database.ExecuteSqlRawAsync(AppendOnlyTriggers.Sqlite, cancellationToken);
        SqliteConnection.ClearAllPools();
    }
}
