using System.Data.Common;
using NodaTime;
using Trial.Followup.Occasions;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Contact;

/// <summary>
/// Enrollment's entry into Follow-up: creates the protocol's occasions at randomisation and cancels everything still
/// pending when contact must stop. Both run on the caller's connection and transaction.
/// </summary>
internal sealed class FollowupContact(FollowupStore store, FollowupProtocol protocol, IClock clock) : IFollowupContact
{
    public async Task ScheduleAsync(ScheduleRequest request, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = PrepareSchedule(request);
        if (statement.Rows == 0)
        {
            return;
        }
        await using var command = SqlStatement.Create(transaction, statement.Sql, [.. statement.Parameters]);
        statement.RequireAll(await command.ExecuteNonQueryAsync(cancellationToken));
    }

    /// <summary>
    /// One multi-row statement, so scheduling costs one round trip however many occasions there are (none when the
    /// caller sends it with its own statements).
    /// </summary>
    public ScheduleStatement PrepareSchedule(ScheduleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MessageTemplates.Languages.Contains(request.Language))
        {
            throw new ArgumentException(
                $"Language: '{request.Language}' is not supported; use one of {string.Join(", ", MessageTemplates.Languages)}.", nameof(request));
        }
        var d = store.Dialect;
        var now = clock.GetCurrentInstant();
        var parameters = new List<(string Name, object? Value)>
        {
            ("f_participant", d.Bind(request.Participant.Value)),
            ("f_hash", request.ProtocolHash),
            ("f_centre", request.CentreCode),
            ("f_arm", request.ArmCode),
            ("f_language", request.Language),
            ("f_zone", request.TimeZone.Id),
            ("f_anchor", d.Bind(request.Anchor)),
            ("f_now", d.Bind(now)),
        };
        var rows = new List<string>();
        for (var i = 0; i < protocol.Occasions.Count; i++)
        {
            var rule = protocol.Occasions[i];
            rows.Add($"(@f_id{i}, @f_participant, @f_code{i}, @f_hash, @f_centre, @f_arm, @f_language, @f_zone, @f_anchor, @f_due{i}, @f_opens{i}, @f_closes{i}, 'pending', 0, @f_now)");
            parameters.Add(($"f_id{i}", d.Bind(OccasionId.New().Value)));
            parameters.Add(($"f_code{i}", rule.Code));
            parameters.Add(($"f_due{i}", d.Bind(rule.DueOn(request.Anchor))));
            parameters.Add(($"f_opens{i}", d.Bind(rule.OpensAt(request.Anchor, request.TimeZone))));
            parameters.Add(($"f_closes{i}", d.Bind(rule.ClosesAt(request.Anchor, request.TimeZone))));
        }
        var insert = rows.Count == 0 ? "" : $"""
            INSERT INTO {d.Occasion} (id, participant, occasion_code, protocol_hash, centre_code, arm_code, language, time_zone,
                anchor_date, due_on, opens_at, closes_at, state, reminders_sent, created_at)
            VALUES {string.Join(",\n    ", rows)}
            """;
        return new ScheduleStatement(insert, parameters, rows.Count, request.Participant);
    }

    public async Task StopContactAsync(StopContactRequest request, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var d = store.Dialect;
        var now = clock.GetCurrentInstant();
        var participant = ("participant", d.Bind(request.Participant.Value));
        var scope = ContactStopScopeCodes.Code(request.Scope);

        await using (var record = SqlStatement.Create(transaction,
            $"""
            INSERT INTO {d.ContactStop} (participant, scope, effective_on, reason, recorded_at)
            VALUES (@participant, @scope, @effective, @reason, @now)
            ON CONFLICT (participant, scope) DO NOTHING
            """,
            participant, ("scope", scope), ("effective", d.Bind(request.Effective)), ("reason", scope), ("now", d.Bind(now))))
        {
            if (await record.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new ContactStateException(request.Participant, $"Contact with participant {request.Participant} was already stopped for '{scope}'.");
            }
        }

        // Follow-up holds codes only (the stop record's reason, the occasion's and the messages' cancel reason): the
        // participant's own words stay in Enrollment's identity store.
        var reason = scope;
        await using (var cancel = SqlStatement.Create(transaction,
            $"""
            UPDATE {d.Occasion}
            SET state = 'cancelled', cancel_reason = @reason, closed_at = @now, next_reminder_at = NULL, phone_task_due_at = NULL
            WHERE participant = @participant AND state IN {OccasionStateCodes.OpenList}
            """,
            participant, ("reason", reason), ("now", d.Bind(now))))
        {
            await cancel.ExecuteNonQueryAsync(cancellationToken);
        }
        await PendingSends.CancelAsync(d, transaction, $"SELECT id FROM {d.Occasion} WHERE participant = @participant", [participant], reason, cancellationToken);
    }
}
