using Microsoft.EntityFrameworkCore;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// After plain text was replaced in a SQLite file (sealed, or moved to the identity store), the old bytes still sit in
/// freed pages and in the write-ahead log; rewriting the file and emptying the log removes them. A no-op on PostgreSQL.
/// </summary>
internal static class SqliteFileRewrite
{
    public static async Task RunAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            return;
        }
        await context.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
        await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
    }
}
