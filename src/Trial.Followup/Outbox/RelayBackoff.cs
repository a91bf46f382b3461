using NodaTime;
using Trial.Followup.Hosting;
using Trial.Followup.Storage;

namespace Trial.Followup.Outbox;

/// <summary>
/// The SMTP relay's own backoff. A failure to open a session (refused password, untrusted certificate, no STARTTLS,
/// relay down) is the relay's, not a message's: counting it as each message's try would park every waiting e-mail and
/// open a phone task for each (a relay down for a few hours, or a password changed on a Friday, would turn 5,000
/// invitations into 5,000 calls), and retrying it every few minutes forever tells nobody anything. So each failed
/// attempt to open a session counts once, for the relay; the wait grows as a message's would (<see cref="OutboxRetryPolicy"/>:
/// doubling, capped); e-mail waits until then with its tries untouched and is never parked for it; the coordinator is
/// shown the relay's attempts and its error in words. The first session that opens clears it. One row, shared by all nodes.
/// </summary>
internal sealed class RelayBackoff(FollowupStore store, OutboxRetryPolicy policy)
{
    private FollowupSqlDialect D => store.Dialect;

    /// <summary>The relay's state while it fails; null while it works.</summary>
    public static async Task<RelayState?> ReadAsync(FollowupStore store, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"SELECT failures, first_failed_at, last_failed_at, last_error, next_try_at FROM {d.RelayStatus} WHERE id = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RelayState(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), d.ReadInstant(reader, 1),
                d.ReadInstant(reader, 2), reader.GetString(3), d.ReadInstant(reader, 4))
            : null;
    }

    /// <summary>One more failed attempt; returns the relay's state with its next try.</summary>
    public async Task<RelayState> RecordFailureAsync(string code, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        int failures;
        Instant first;
        await using (var read = SqlStatement.Create(tx,
            $"SELECT failures, first_failed_at FROM {D.RelayStatus} WHERE id = 1" + (D.Database == FollowupDatabase.Postgres ? " FOR UPDATE" : "")))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            var known = await reader.ReadAsync(cancellationToken);
            failures = known ? Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
            first = known ? D.ReadInstant(reader, 1) : now;
        }
        var state = new RelayState(failures, first, now, code, now + policy.DelayAfter(failures));
        await using (var write = SqlStatement.Create(tx,
            $"""
            INSERT INTO {D.RelayStatus} (id, failures, first_failed_at, last_failed_at, last_error, next_try_at)
            VALUES (1, @failures, @first, @now, @code, @next)
            ON CONFLICT (id) DO UPDATE SET failures = @failures, last_failed_at = @now, last_error = @code, next_try_at = @next
            """,
            ("failures", failures), ("first", D.Bind(first)), ("now", D.Bind(now)), ("code", code), ("next", D.Bind(state.NextTryAt))))
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return state;
    }

    /// <summary>A session opened: the relay works again.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection, $"DELETE FROM {D.RelayStatus}");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>The relay's failed attempts in a row, since when, the last error's code, and when e-mail is tried again.</summary>
public sealed record RelayState(int Failures, Instant FirstFailedAt, Instant LastFailedAt, string LastError, Instant NextTryAt);
