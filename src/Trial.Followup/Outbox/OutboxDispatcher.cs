using System.Data.Common;
using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires;
using Trial.Followup.Scheduling;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Outbox;

/// <summary>
/// Sends due outbox rows. Delivery is at-least-once with a dedupe key, which is as close to exactly-once as SMTP allows:
/// <list type="number">
/// <item>A worker claims one row in a transaction with FOR UPDATE SKIP LOCKED, then share-locks its occasion, so no
/// other node or worker can claim it while it is in flight, and a completion or withdrawal waits for the send.</item>
/// <item>It issues the link and sends inside that transaction, and marks the row sent only after the relay accepted
/// the message; then it commits.</item>
/// <item>A node killed before the commit loses its locks, the row is pending again, and another node sends it again.
/// The resend carries the same Message-ID (derived from the idempotency key), so the only possible duplicate is one
/// message per crashed worker, and it is recognisable as such by Message-ID at the receiving side.</item>
/// </list>
/// Nothing is ever marked sent that was not accepted, so no due message is lost.
/// </summary>
internal sealed class OutboxDispatcher(
    FollowupStore store,
    FollowupProtocol protocol,
    IClock clock,
    IContactDirectory directory,
    IQuestionnaireLinks links,
    IEmailChannel email,
    ISmsChannel sms,
    string nodeId)
{
    private FollowupSqlDialect D => store.Dialect;

    /// <summary>Runs <paramref name="workers"/> workers until no due row is left to claim.</summary>
    public async Task<DispatchReport> DispatchDueAsync(int workers, CancellationToken cancellationToken)
    {
        // SQLite has a single writer; one worker there, so a claim is never read by two workers at once.
        workers = D.Database == FollowupDatabase.Sqlite ? 1 : workers;
        var reports = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunWorkerAsync(cancellationToken), cancellationToken)));
        return reports.Aggregate(DispatchReport.Empty, (total, report) => total.Add(report));
    }

    private async Task<DispatchReport> RunWorkerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var session = await email.OpenSessionAsync(cancellationToken);
        var report = DispatchReport.Empty;
        var contended = new HashSet<Guid>();
        while (true)
        {
            var outcome = await DispatchOneAsync(connection, session, contended, cancellationToken);
            if (outcome == DispatchOutcome.NothingDue)
            {
                return report;
            }
            report = report.Add(outcome);
        }
    }

    private async Task<DispatchOutcome> DispatchOneAsync(DbConnection connection, IEmailSession session, HashSet<Guid> contended, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var claim = await ClaimAsync(tx, now, contended, cancellationToken);
        if (claim is null)
        {
            await tx.CommitAsync(cancellationToken);
            return DispatchOutcome.NothingDue;
        }
        if (claim.Occasion is null)
        {
            // Left for the next pass, by which time the other transaction has committed (and cancelled it) or not.
            contended.Add(claim.RowId);
            await tx.RollbackAsync(cancellationToken);
            return DispatchOutcome.Contended;
        }
        var outcome = await HandleAsync(tx, claim, claim.Occasion, session, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task<DispatchOutcome> HandleAsync(DbTransaction tx, Claim claim, ClaimedOccasion occasion, IEmailSession session, Instant now, CancellationToken cancellationToken)
    {
        if (occasion.State is not (OccasionState.Invited or OccasionState.Reminded))
        {
            // Closing an occasion cancels its sends in the same transaction, so this is only a second line of defence.
            await SetAsync(tx, claim, "state = 'cancelled', cancel_reason = @at", "occasion " + occasion.State.ToString().ToLowerInvariant(), cancellationToken);
            return DispatchOutcome.Cancelled;
        }
        // Re-checked at send time: a row can have waited past the end of the allowed hours (a node was down).
        if (!protocol.AllowedHours.Contains(now, occasion.Zone))
        {
            await SetAsync(tx, claim, "not_before = @at", D.Bind(protocol.AllowedHours.EarliestFrom(now, occasion.Zone)), cancellationToken);
            return DispatchOutcome.Deferred;
        }
        var address = await directory.FindAsync(occasion.Participant, cancellationToken);
        var to = claim.Key.Channel == MessageChannel.Email ? address?.Email : address?.MobilePhone;
        if (string.IsNullOrWhiteSpace(to))
        {
            await SetAsync(tx, claim, "state = 'no_address', sent_at = @at", D.Bind(now), cancellationToken);
            return DispatchOutcome.NoAddress;
        }
        var language = address is not null && MessageTemplates.Languages.Contains(address.Language) ? address.Language : occasion.Language;
        var template = MessageRenderer.Template(protocol, claim.Key, language);
        var link = await links.IssueAsync(claim.Key.Occasion, occasion.ClosesAt, tx, cancellationToken);
        var lastDay = occasion.ClosesAt.InZone(occasion.Zone).Date.PlusDays(-1);
        if (claim.Key.Channel == MessageChannel.Email)
        {
            await session.SendAsync(
                new OutgoingEmail(to, template.EmailSubject, MessageRenderer.Render(template.EmailBody, link, lastDay, language), claim.Key.MessageId, language),
                cancellationToken);
        }
        else
        {
            await sms.SendAsync(new OutgoingSms(to, MessageRenderer.Render(template.Sms, link, lastDay, language), claim.Key.ToString()), cancellationToken);
        }
        await SetAsync(tx, claim, "state = 'sent', sent_at = @at, sent_by = @node", D.Bind(now), cancellationToken);
        return DispatchOutcome.Sent;
    }

    private async Task<Claim?> ClaimAsync(DbTransaction tx, Instant now, IReadOnlySet<Guid> contended, CancellationToken cancellationToken)
    {
        // The outbox row alone first: ordered by the partial index and locked, so the claim stays cheap however many
        // rows are due (joining first made the planner sort every due row on every claim).
        var skip = contended.Count == 0 ? "" : $" AND x.id NOT IN ({string.Join(", ", contended.Select((_, i) => $"@skip{i}"))})";
        (string, object?)[] parameters = [("now", D.Bind(now)), .. contended.Select((id, i) => ($"skip{i}", D.Bind(id)))];
        Guid rowId;
        OutboxKey key;
        await using (var command = SqlStatement.Create(tx,
            $"""
            SELECT x.id, x.occasion_id, x.channel, x.attempt FROM {D.Outbox} x
            WHERE x.state = 'pending' AND x.not_before <= @now{skip}
            ORDER BY x.not_before
            LIMIT 1{D.SkipLocked}
            """,
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            rowId = D.ReadGuid(reader, 0);
            key = new OutboxKey(
                OccasionId.From(D.ReadGuid(reader, 1)),
                ChannelCodes.Parse(reader.GetString(2)),
                Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
        }
        // Then a share lock on the occasion, without waiting: a completion or withdrawal holding it will cancel this
        // row when it commits, and waiting here could deadlock with it (it locks the occasion, then the outbox).
        await using (var command = SqlStatement.Create(tx,
            $"SELECT participant, language, time_zone, closes_at, state FROM {D.Occasion} WHERE id = @id{D.ShareOccasion}",
            ("id", D.Bind(key.Occasion.Value))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new Claim(rowId, key, null);
            }
            return new Claim(rowId, key, new ClaimedOccasion(
                ParticipantRef.From(D.ReadGuid(reader, 0)),
                reader.GetString(1),
                LocalCalendar.Zone(reader.GetString(2)),
                D.ReadInstant(reader, 3),
                OccasionStateCodes.Parse(reader.GetString(4))));
        }
    }

    private async Task SetAsync(DbTransaction tx, Claim claim, string assignments, object at, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx,
            $"UPDATE {D.Outbox} SET {assignments} WHERE id = @id AND state = 'pending'",
            ("id", D.Bind(claim.RowId)), ("at", at), ("node", nodeId));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Outbox row {claim.Key} changed while it was claimed. Please report a bug.");
        }
    }

    /// <param name="Occasion">Null when another transaction is changing the occasion right now.</param>
    private sealed record Claim(Guid RowId, OutboxKey Key, ClaimedOccasion? Occasion);

    private sealed record ClaimedOccasion(ParticipantRef Participant, string Language, DateTimeZone Zone, Instant ClosesAt, OccasionState State);
}
