using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>
/// Writes a response (items and scores), clears the draft and completes the occasion, all in the caller's
/// transaction. The response's primary key (one per occasion) is what stops a second response being stored.
/// </summary>
internal sealed class ResponseStore(FollowupStore store, IOccasionLifecycle lifecycle, IEntryLock entryLock)
{
    private readonly QuestionnaireTables _tables = new(store.Dialect);

    public async Task<StoreOutcome> StoreAsync(DbTransaction transaction, ResponseToStore response, CancellationToken cancellationToken)
    {
        if (await entryLock.IsLockedAsync(transaction, cancellationToken))
        {
            return StoreOutcome.EntryLocked;
        }
        var d = store.Dialect;
        var occasion = ("occasion", d.Bind(response.Occasion.Value));
        await using (var insert = SqlStatement.Create(transaction,
            $"""
            INSERT INTO {_tables.Response} (occasion_id, submission_id, mode, entered_by, answered_at, recorded_at)
            VALUES (@occasion, @submission, @mode, @enteredBy, @answeredAt, @recordedAt)
            ON CONFLICT (occasion_id) DO NOTHING
            """,
            occasion, ("submission", d.Bind(response.SubmissionId)), ("mode", ModeCode(response.Mode)), ("enteredBy", response.EnteredBy),
            ("answeredAt", d.Bind(response.AnsweredAt)), ("recordedAt", d.Bind(response.RecordedAt))))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return StoreOutcome.AlreadyAnswered;
            }
        }
        var position = 0;
        foreach (var instrument in response.Instruments)
        {
            var answers = response.Answers.For(instrument.Code);
            foreach (var item in instrument.Items)
            {
                await using var command = SqlStatement.Create(transaction,
                    $"INSERT INTO {_tables.Item} (occasion_id, instrument, item, position, value) VALUES (@occasion, @instrument, @item, @position, @value)",
                    occasion, ("instrument", instrument.Code), ("item", item.Code), ("position", position++),
                    ("value", answers.TryGetValue(item.Code, out var v) ? v : null));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            foreach (var score in InstrumentScorer.Score(instrument, answers))
            {
                await using var command = SqlStatement.Create(transaction,
                    $"""
                    INSERT INTO {_tables.Score} (occasion_id, instrument, scale, position, score, items_answered, items_total, prorated)
                    VALUES (@occasion, @instrument, @scale, @position, @score, @answered, @total, @prorated)
                    """,
                    occasion, ("instrument", instrument.Code), ("scale", score.Scale), ("position", position++),
                    ("score", BindScore(score.Score)), ("answered", score.ItemsAnswered), ("total", score.ItemsTotal), ("prorated", score.Prorated));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var clear = SqlStatement.Create(transaction, $"DELETE FROM {_tables.Draft} WHERE occasion_id = @occasion", occasion))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await lifecycle.CompleteAsync(response.Occasion, response.Mode, response.AnsweredAt, transaction, cancellationToken, response.AfterClose);
        return StoreOutcome.Stored;
    }

    /// <summary>The submission ID of the stored response, or null when the occasion has none.</summary>
    public async Task<Guid?> FindSubmissionAsync(DbTransaction transaction, OccasionId occasion, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(transaction,
            $"SELECT submission_id FROM {_tables.Response} WHERE occasion_id = @occasion", ("occasion", store.Dialect.Bind(occasion.Value)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? store.Dialect.ReadGuid(reader, 0) : null;
    }

    public async Task<AnswerSet> LoadDraftAsync(DbConnection connection, OccasionId occasion, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(connection,
            $"SELECT answers FROM {_tables.Draft} WHERE occasion_id = @occasion", ("occasion", store.Dialect.Bind(occasion.Value)));
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? new AnswerSet(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(json)!
                .ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal))
            : AnswerSet.Empty;
    }

    public async Task SaveDraftAsync(DbTransaction transaction, OccasionId occasion, AnswerSet answers, Instant savedAt, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(answers.ByInstrument.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value));
        await using var command = SqlStatement.Create(transaction,
            $"""
            INSERT INTO {_tables.Draft} (occasion_id, answers, saved_at) VALUES (@occasion, @answers, @savedAt)
            ON CONFLICT (occasion_id) DO UPDATE SET answers = excluded.answers, saved_at = excluded.saved_at
            """,
            ("occasion", store.Dialect.Bind(occasion.Value)), ("answers", json), ("savedAt", store.Dialect.Bind(savedAt)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string ModeCode(ResponseMode mode) => mode switch
    {
        ResponseMode.Web => "web",
        ResponseMode.Phone => "phone",
        ResponseMode.Paper => "paper",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown response mode."),
    };

    // SQLite keeps the exact decimal as invariant text; PostgreSQL has numeric.
    private object? BindScore(decimal? score) => score is not { } s ? null
        : store.Dialect.Database == Hosting.FollowupDatabase.Sqlite ? s.ToString(CultureInfo.InvariantCulture) : s;
}
