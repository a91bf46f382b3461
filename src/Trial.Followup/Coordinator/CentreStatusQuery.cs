using NodaTime;
using Trial.Followup.Occasions;
using Trial.Followup.Storage;

namespace Trial.Followup.Coordinator;

/// <summary>Reads a centre's occasion counts by occasion and arm, its open phone tasks and its undelivered messages.</summary>
/// <param name="trialZone">The trial's zone from the protocol: 'overdue' compares due dates with today there.</param>
internal sealed class CentreStatusQuery(FollowupStore store, IClock clock, DateTimeZone trialZone) : IUndeliveredMessages
{

    public async Task<CentreStatus> StatusAsync(string centre, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        var now = clock.GetCurrentInstant();
        const string open = OccasionStateCodes.OpenList;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"""
            SELECT occasion_code, arm_code,
                SUM(CASE WHEN state IN {open} AND opens_at <= @now THEN 1 ELSE 0 END),
                SUM(CASE WHEN state IN {OccasionStateCodes.ContactedList} THEN 1 ELSE 0 END),
                SUM(CASE WHEN state IN {open} AND due_on < @today THEN 1 ELSE 0 END),
                SUM(CASE WHEN state = 'completed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN state = 'missed' THEN 1 ELSE 0 END),
                SUM(CASE WHEN state = 'cancelled' THEN 1 ELSE 0 END),
                SUM(CASE WHEN state <> 'cancelled' AND opens_at <= @now THEN 1 ELSE 0 END),
                MIN(due_on)
            FROM {d.Occasion}
            WHERE centre_code = @centre
            GROUP BY occasion_code, arm_code
            """,
            ("centre", centre), ("now", d.Bind(now)), ("today", d.Bind(now.InZone(trialZone).Date)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(LocalDate FirstDue, OccasionArmStatus Status)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            int Count(int i) => Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            var completed = Count(5);
            var opened = Count(8);
            rows.Add((d.ReadLocalDate(reader, 9), new OccasionArmStatus(reader.GetString(0), reader.GetString(1), Count(2), Count(3), Count(4), completed, Count(6), Count(7), opened,
                opened == 0 ? null : Math.Round((decimal)completed / opened, 4, MidpointRounding.ToEven))));
        }
        // Occasions in time order (6m before 12m), arms by code.
        var ordered = rows.OrderBy(r => r.FirstDue).ThenBy(r => r.Status.Occasion, StringComparer.Ordinal).ThenBy(r => r.Status.Arm, StringComparer.Ordinal).Select(r => r.Status).ToList();
        return new CentreStatus(centre, now, ordered);
    }

    public async Task<IReadOnlyList<PhoneTask>> PhoneTasksAsync(string centre, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"""
            SELECT t.id, t.occasion_id, t.participant, o.occasion_code, o.arm_code, o.due_on, o.closes_at, o.reminders_sent, t.created_at, t.reason
            FROM {d.PhoneTask} t JOIN {d.Occasion} o ON o.id = t.occasion_id
            WHERE t.centre_code = @centre AND t.state = 'open'
            ORDER BY t.created_at, t.id
            """,
            ("centre", centre));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tasks = new List<PhoneTask>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tasks.Add(new PhoneTask(d.ReadGuid(reader, 0), d.ReadGuid(reader, 1), d.ReadGuid(reader, 2), reader.GetString(3), reader.GetString(4),
                d.ReadLocalDate(reader, 5), d.ReadInstant(reader, 6), reader.GetInt32(7), d.ReadInstant(reader, 8))
            {
                Reason = reader.GetString(9) == "undeliverable" ? PhoneTaskReason.Undeliverable : PhoneTaskReason.NoResponse,
            });
        }
        return tasks;
    }

    /// <summary>The centre's parked and held messages, oldest occasion first.</summary>
    public Task<IReadOnlyList<UndeliveredMessage>> UndeliveredAsync(string centre, CancellationToken cancellationToken) =>
        UndeliveredWhereAsync("o.centre_code = @key", centre, cancellationToken);

    /// <summary>One participant's retrying, parked and held messages, oldest occasion first.</summary>
    public Task<IReadOnlyList<UndeliveredMessage>> UndeliveredOfAsync(Guid participant, CancellationToken cancellationToken) =>
        UndeliveredWhereAsync("o.participant = @key", store.Dialect.Bind(participant), cancellationToken);

    private async Task<IReadOnlyList<UndeliveredMessage>> UndeliveredWhereAsync(string filter, object key, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        var relay = await Outbox.RelayBackoff.ReadAsync(store, cancellationToken);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"""
            SELECT x.occasion_id, o.participant, o.occasion_code, x.channel, x.attempt, x.state, x.tries, x.last_error, x.parked_at, x.not_before, o.time_zone
            FROM {d.Outbox} x JOIN {d.Occasion} o ON o.id = x.occasion_id
            WHERE {filter} AND (x.state IN ('parked','held') OR (x.state = 'pending' AND x.last_error IS NOT NULL))
            ORDER BY o.due_on, x.occasion_id, x.attempt, x.channel
            """,
            ("key", key));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<UndeliveredMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = reader.GetString(5) switch
            {
                "parked" => UndeliveredState.Parked,
                "held" => UndeliveredState.Held,
                _ => UndeliveredState.Retrying,
            };
            // A pending row with an error failed before and waits for not_before (or is being tried right now).
            Instant? next = state == UndeliveredState.Retrying ? d.ReadInstant(reader, 9) : null;
            var channel = Channels.ChannelCodes.Parse(reader.GetString(3));
            var error = reader.IsDBNull(7) ? null : reader.GetString(7);
            messages.Add(new UndeliveredMessage(d.ReadGuid(reader, 0), d.ReadGuid(reader, 1), reader.GetString(2),
                channel,
                Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) == 0 ? Outbox.MessageKind.Invitation : Outbox.MessageKind.Reminder,
                state,
                Convert.ToInt32(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                error,
                d.ReadNullableInstant(reader, 8),
                next,
                next?.InZone(Scheduling.LocalCalendar.Zone(reader.GetString(10))).LocalDateTime,
                state == UndeliveredState.Retrying && channel == Channels.MessageChannel.Email && relay is not null && error == relay.LastError ? relay.Failures : null));
        }
        return messages;
    }
}
