using System.Data.Common;
using Trial.Followup.Storage;

namespace Trial.Followup.Occasions;

/// <summary>
/// Cancels what is still to be sent or done for occasions that have just been closed, inside the transaction that
/// closed them. Callers update the occasion row first, so a concurrent dispatch claim (which share-locks it) either
/// committed before the close, or skips the occasion. A row claimed but not yet sent is still 'pending' here: it is
/// cancelled too, and the dispatcher's last look before the send then sends nothing.
/// </summary>
internal static class PendingSends
{
    public static async Task CancelAsync(FollowupSqlDialect d, DbTransaction transaction, string occasionFilter, (string, object?)[] parameters, string reason, CancellationToken cancellationToken)
    {
        (string, object?)[] all = [.. parameters, ("reason", reason)];
        var statements = new[]
        {
            $"UPDATE {d.Outbox} SET state = 'cancelled', cancel_reason = @reason WHERE state = 'pending' AND occasion_id IN ({occasionFilter})",
            $"UPDATE {d.PhoneTask} SET state = 'cancelled', closed_reason = @reason WHERE state = 'open' AND occasion_id IN ({occasionFilter})",
        };
        foreach (var sql in statements)
        {
            await using var command = SqlStatement.Create(transaction, sql, all);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
