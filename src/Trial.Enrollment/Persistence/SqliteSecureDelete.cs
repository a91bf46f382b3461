using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Trial.Enrollment.Persistence;

/// <summary>
/// Turns on SQLite's secure_delete on every connection to the identity store, so a deleted or replaced row (an erased
/// person's key, an overwritten sealed identifier) is overwritten with zeros instead of staying in the file's free
/// space. It is a per-connection setting, not stored in the file, hence on each open.
/// </summary>
internal sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public const string Pragma = "PRAGMA secure_delete = ON";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
