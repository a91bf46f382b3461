using System.Data.Common;
using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Occasions;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Scheduling;

/// <summary>
/// The time-driven transitions of the occasion table. Each pass acts on everything that is due at the clock's now,
/// so a pass that runs late (a node was down, a trigger misfired) catches up in full, and a pass that runs twice finds
/// nothing left: every update is guarded by the state it leaves, and rows are claimed with FOR UPDATE SKIP LOCKED so
/// two nodes sweeping at once split the work. Outbox rows are written in the transaction that changes the state.
/// </summary>
/// <param name="beforeCommit">
/// Race tests only: runs inside each batch's transaction after its updates and before its commit, so a test can make a
/// withdrawal or death meet a sweep that holds the occasion rows.
/// </param>
internal sealed class OccasionSweep(FollowupStore store, FollowupProtocol protocol, IClock clock, Func<CancellationToken, Task>? beforeCommit = null)
{
    private const int BatchSize = 500;

    private FollowupSqlDialect D => store.Dialect;

    /// <summary>Pending occasions whose window has opened become invited, with an invitation per channel.</summary>
    public Task<int> OpenDueAsync(CancellationToken cancellationToken) => SweepAsync(
        $"""
        SELECT id, time_zone FROM {D.Occasion}
        WHERE state = 'pending' AND opens_at <= @now AND closes_at > @now
        ORDER BY opens_at LIMIT {BatchSize}{D.SkipLocked}
        """,
        async (tx, row, now) =>
        {
            var zone = LocalCalendar.Zone((string)row[1]);
            Instant? next = protocol.Reminders.Count > 0 ? LocalCalendar.Plus(now, protocol.Reminders[0], zone) : null;
            Instant? phone = protocol.Reminders.Count == 0 ? LocalCalendar.Plus(now, protocol.PhoneTaskAfterLastReminder, zone) : null;
            var changed = await ExecuteAsync(tx,
                $"""
                UPDATE {D.Occasion} SET state = 'invited', invited_at = @now, next_reminder_at = @next, phone_task_due_at = @phone
                WHERE id = @id AND state = 'pending'
                """,
                    [("id", row[0]), ("now", D.Bind(now)), ("next", D.BindNullable(next)), ("phone", D.BindNullable(phone))], cancellationToken);
            if (changed == 1)
            {
                await EnqueueAsync(tx, row[0], attempt: 0, now, zone, cancellationToken);
            }
            return changed;
        },
        cancellationToken);

    /// <summary>Invited occasions whose next reminder is due get it, counted from the invitation in local days.</summary>
    public Task<int> RemindDueAsync(CancellationToken cancellationToken) => SweepAsync(
        $"""
        SELECT id, time_zone, invited_at, reminders_sent FROM {D.Occasion}
        WHERE state IN {OccasionStateCodes.ContactedList} AND next_reminder_at <= @now AND closes_at > @now
        ORDER BY next_reminder_at LIMIT {BatchSize}{D.SkipLocked}
        """,
        async (tx, row, now) =>
        {
            var zone = LocalCalendar.Zone((string)row[1]);
            var invitedAt = (Instant)row[2];
            var attempt = Convert.ToInt32(row[3], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var last = attempt >= protocol.Reminders.Count;
            Instant? next = last ? null : LocalCalendar.Plus(invitedAt, protocol.Reminders[attempt], zone);
            Instant? phone = last ? LocalCalendar.Plus(now, protocol.PhoneTaskAfterLastReminder, zone) : null;
            var changed = await ExecuteAsync(tx,
                $"""
                UPDATE {D.Occasion} SET state = 'reminded', reminders_sent = @attempt, next_reminder_at = @next, phone_task_due_at = @phone
                WHERE id = @id AND state IN {OccasionStateCodes.ContactedList} AND reminders_sent = @previous
                """,
                    [("id", row[0]), ("attempt", attempt), ("previous", attempt - 1), ("next", D.BindNullable(next)), ("phone", D.BindNullable(phone))], cancellationToken);
            if (changed == 1)
            {
                await EnqueueAsync(tx, row[0], attempt, now, zone, cancellationToken);
            }
            return changed;
        },
        cancellationToken);

    /// <summary>Open occasions whose window has closed without an answer become missed; their pending sends are cancelled.</summary>
    public Task<int> CloseMissedAsync(CancellationToken cancellationToken) => SweepAsync(
        $"""
        SELECT id FROM {D.Occasion}
        WHERE state IN {OccasionStateCodes.OpenList} AND closes_at <= @now
        ORDER BY closes_at LIMIT {BatchSize}{D.SkipLocked}
        """,
        async (tx, row, now) =>
        {
            var changed = await ExecuteAsync(tx,
                $"""
                UPDATE {D.Occasion} SET state = 'missed', closed_at = @now, next_reminder_at = NULL, phone_task_due_at = NULL
                WHERE id = @id AND state IN {OccasionStateCodes.OpenList}
                """,
                    [("id", row[0]), ("now", D.Bind(now))], cancellationToken);
            if (changed == 1)
            {
                await PendingSends.CancelAsync(D, tx, "@id", [("id", row[0])], "missed", cancellationToken);
            }
            return changed;
        },
        cancellationToken);

    /// <summary>Occasions still unanswered some time after the last reminder get a phone task for the coordinator.</summary>
    public Task<int> CreatePhoneTasksAsync(CancellationToken cancellationToken) => SweepAsync(
        $"""
        SELECT id, participant, centre_code FROM {D.Occasion}
        WHERE state IN {OccasionStateCodes.ContactedList} AND phone_task_due_at <= @now
        ORDER BY phone_task_due_at LIMIT {BatchSize}{D.SkipLocked}
        """,
        async (tx, row, now) =>
        {
            var changed = await ExecuteAsync(tx,
                $"UPDATE {D.Occasion} SET phone_task_due_at = NULL WHERE id = @id AND phone_task_due_at IS NOT NULL",
                    [("id", row[0])], cancellationToken);
            if (changed == 1)
            {
                await ExecuteAsync(tx,
                    $"""
                    INSERT INTO {D.PhoneTask} (id, occasion_id, participant, centre_code, created_at, state)
                    VALUES (@task, @id, @participant, @centre, @now, 'open')
                    """,
                    [("task", D.Bind(Guid.NewGuid())), ("id", row[0]), ("participant", row[1]), ("centre", row[2]), ("now", D.Bind(now))], cancellationToken);
            }
            return changed;
        },
        cancellationToken);

    private async Task EnqueueAsync(DbTransaction tx, object occasionId, int attempt, Instant now, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var occasion = OccasionId.From(occasionId as Guid? ?? Guid.Parse((string)occasionId));
        foreach (var channel in protocol.Channels)
        {
            var key = new OutboxKey(occasion, channel, attempt);
            await ExecuteAsync(tx,
                $"""
                INSERT INTO {D.Outbox} (id, occasion_id, channel, attempt, idempotency_key, kind, not_before, state, created_at)
                VALUES (@id, @occasion, @channel, @attempt, @key, @kind, @notBefore, 'pending', @now)
                """,
                    [("id", D.Bind(Guid.NewGuid())), ("occasion", occasionId), ("channel", ChannelCodes.Code(channel)), ("attempt", attempt),
                ("key", key.ToString()), ("kind", key.Kind == MessageKind.Invitation ? "invitation" : "reminder"),
                ("notBefore", D.Bind(protocol.AllowedHours.EarliestFrom(now, zone))), ("now", D.Bind(now))], cancellationToken);
        }
    }

    private async Task<int> SweepAsync(string select, Func<DbTransaction, object[], Instant, Task<int>> act, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var total = 0;
        await using var connection = await store.OpenAsync(cancellationToken);
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var rows = await ReadRowsAsync(tx, select, now, cancellationToken);
            foreach (var row in rows)
            {
                total += await act(tx, row, now);
            }
            if (beforeCommit is not null && rows.Count > 0)
            {
                await beforeCommit(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            if (rows.Count < BatchSize)
            {
                if (total >= BatchSize)
                {
                    await D.RefreshOutboxStatisticsAsync(connection, cancellationToken);
                }
                return total;
            }
        }
    }

    private async Task<List<object[]>> ReadRowsAsync(DbTransaction tx, string select, Instant now, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx, select, ("now", D.Bind(now)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                // Instants are decoded here so the per-row actions work the same on both providers.
                row[i] = reader.GetName(i).EndsWith("_at", StringComparison.Ordinal) ? D.ReadInstant(reader, i) : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private static async Task<int> ExecuteAsync(DbTransaction tx, string sql, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
