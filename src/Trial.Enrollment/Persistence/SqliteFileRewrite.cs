using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// After plain text was replaced in a SQLite file (sealed, or moved to the identity store), the old bytes still sit in
/// freed pages and in the write-ahead log; rewriting the file and emptying the log removes them. A no-op on PostgreSQL.
/// A change made in a transaction asks for its rewrite in the same transaction (<see cref="RequestAsync"/>, table
/// file_rewrites); the start-up runs what was asked (<see cref="RunPendingAsync"/>) and records it done, so a stop
/// between the change and the rewrite only delays it, and a rewrite asked once runs once.
/// </summary>
internal static class SqliteFileRewrite
{
    public static async Task RunAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!IsSqlite(context))
        {
            return;
        }
        await context.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
        await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }

    public static async Task RequestAsync(DbContext context, string reason, CancellationToken cancellationToken)
    {
        if (IsSqlite(context))
        {
            await context.Database.ExecuteSqlAsync(
                $"INSERT INTO file_rewrites (reason) VALUES ({reason}) ON CONFLICT (reason) DO UPDATE SET done_at = NULL", cancellationToken);
        }
    }

    /// <summary>The reasons rewritten now (none on PostgreSQL, or when nothing was asked).</summary>
    public static async Task<IReadOnlyList<string>> RunPendingAsync(DbContext context, IClock clock, CancellationToken cancellationToken)
    {
        if (!IsSqlite(context))
        {
            return [];
        }
        var pending = await context.Database.SqlQueryRaw<string>("SELECT reason AS \"Value\" FROM file_rewrites WHERE done_at IS NULL").ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return [];
        }
        await RunAsync(context, cancellationToken);
        var done = clock.GetCurrentInstant().ToString();
        await context.Database.ExecuteSqlAsync($"UPDATE file_rewrites SET done_at = {done} WHERE done_at IS NULL", cancellationToken);
        return pending;
    }

    private static bool IsSqlite(DbContext context) => context.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
}
