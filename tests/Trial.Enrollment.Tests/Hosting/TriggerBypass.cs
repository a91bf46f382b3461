using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>
/// What someone with the database in hand can do past the append-only triggers, to make data as an older release (or
/// an attacker) left it: PostgreSQL's replica role, or on SQLite dropping the named trigger and putting it back after.
/// </summary>
internal static class TriggerBypass
{
    public static async Task RunAsync(TrialDbContext db, string sqliteTrigger, Func<Task<int>> change)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.IsPostgres)
            {
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
                await change();
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");
                return;
            }
            var trigger = await db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE name = {sqliteTrigger}").SingleAsync();
            var drop = $"DROP TRIGGER {sqliteTrigger}"; // a test's own trigger name, not input
            await db.Database.ExecuteSqlRawAsync(drop);
            await change();
            // The trigger's text holds braces, which the raw-SQL formatter would read as placeholders.
            await db.Database.ExecuteSqlRawAsync(trigger.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
