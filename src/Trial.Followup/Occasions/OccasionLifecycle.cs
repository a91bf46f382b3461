using System.Data.Common;
using NodaTime;
using Trial.Followup.Contact;
using Trial.Followup.Storage;

namespace Trial.Followup.Occasions;

/// <summary>Reads occasions and records their completion for the questionnaire side.</summary>
internal sealed class OccasionLifecycle(FollowupStore store) : IOccasionLifecycle
{
    public async Task<OccasionSnapshot?> FindAsync(OccasionId occasion, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"SELECT id, participant, occasion_code, due_on, opens_at, closes_at, state, language FROM {d.Occasion} WHERE id = @id",
            ("id", d.Bind(occasion.Value)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return new OccasionSnapshot(
            OccasionId.From(d.ReadGuid(reader, 0)),
            ParticipantRef.From(d.ReadGuid(reader, 1)),
            reader.GetString(2),
            d.ReadLocalDate(reader, 3),
            d.ReadInstant(reader, 4),
            d.ReadInstant(reader, 5),
            OccasionStateCodes.Parse(reader.GetString(6)),
            reader.GetString(7));
    }

    public async Task CompleteAsync(OccasionId occasion, ResponseMode mode, Instant completedAt, DbTransaction transaction, CancellationToken cancellationToken,
        bool afterClose = false)
    {
        var d = store.Dialect;
        var id = ("id", d.Bind(occasion.Value));
        await using (var complete = SqlStatement.Create(transaction,
            $"""
            UPDATE {d.Occasion}
            SET state = 'completed', response_mode = @mode, closed_at = @at, next_reminder_at = NULL, phone_task_due_at = NULL
            WHERE id = @id AND (state IN {OccasionStateCodes.OpenList} OR (@after_close AND state = 'missed'))
            """,
            id, ("after_close", afterClose), ("mode", mode.ToString().ToLowerInvariant()), ("at", d.Bind(completedAt))))
        {
            if (await complete.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new OccasionStateException(occasion, await CurrentStateAsync(transaction, occasion, cancellationToken), "complete");
            }
        }
        await PendingSends.CancelAsync(d, transaction, "@id", [id], "completed", cancellationToken);
    }

    private async Task<OccasionState?> CurrentStateAsync(DbTransaction transaction, OccasionId occasion, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var command = SqlStatement.Create(transaction, $"SELECT state FROM {d.Occasion} WHERE id = @id", ("id", d.Bind(occasion.Value)));
        return await command.ExecuteScalarAsync(cancellationToken) is string state ? OccasionStateCodes.Parse(state) : null;
    }
}
