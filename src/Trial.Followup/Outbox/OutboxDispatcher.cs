using System.Data.Common;
using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires;
using Trial.Followup.Scheduling;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Outbox;

/// <summary>
/// Sends due outbox rows. Delivery is at-least-once with a dedupe key, which is as close to exactly-once as SMTP allows:
/// <list type="number">
/// <item>A worker claims one row in a transaction with FOR UPDATE SKIP LOCKED (and a share lock on its occasion), so no
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
        var reports = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunWorkerAsync(cancellationToken), cancellationToken)));
        return reports.Aggregate(DispatchReport.Empty, (total, report) => total.Add(report));
    }

    private async Task<DispatchReport> RunWorkerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var session = await email.OpenSessionAsync(cancellationToken);
        var report = DispatchReport.Empty;
        while (true)
        {
            var outcome = await DispatchOneAsync(connection, session, cancellationToken);
            if (outcome == DispatchOutcome.NothingDue)
            {
                return report;
            }
            report = report.Add(outcome);
        }
    }

    private async Task<DispatchOutcome> DispatchOneAsync(DbConnection connection, IEmailSession session, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var claim = await ClaimAsync(tx, now, cancellationToken);
        if (claim is null)
        {
            await tx.CommitAsync(cancellationToken);
            return DispatchOutcome.NothingDue;
        }
        var outcome = await HandleAsync(tx, claim, session, now, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return outcome;
    }

    private async Task<DispatchOutcome> HandleAsync(DbTransaction tx, Claim claim, IEmailSession session, Instant now, CancellationToken cancellationToken)
    {
        // Re-checked at send time: a row can have waited past the end of the allowed hours (a node was down).
        if (!protocol.AllowedHours.Contains(now, claim.Zone))
        {
            await SetAsync(tx, claim, "not_before = @at", D.Bind(protocol.AllowedHours.EarliestFrom(now, claim.Zone)), cancellationToken);
            return DispatchOutcome.Deferred;
        }
        var address = await directory.FindAsync(claim.Participant, cancellationToken);
        var to = claim.Key.Channel == MessageChannel.Email ? address?.Email : address?.MobilePhone;
        if (string.IsNullOrWhiteSpace(to))
        {
            await SetAsync(tx, claim, "state = 'no_address', sent_at = @at", D.Bind(now), cancellationToken);
            return DispatchOutcome.NoAddress;
        }
        var language = address is not null && MessageTemplates.Languages.Contains(address.Language) ? address.Language : claim.Language;
        var template = MessageRenderer.Template(protocol, claim.Key, language);
        var link = await links.IssueAsync(claim.Key.Occasion, claim.ClosesAt, tx, cancellationToken);
        var lastDay = claim.ClosesAt.InZone(claim.Zone).Date.PlusDays(-1);
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

    private async Task<Claim?> ClaimAsync(DbTransaction tx, Instant now, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx,
            $"""
            SELECT x.id, x.occasion_id, x.channel, x.attempt, o.participant, o.language, o.time_zone, o.closes_at
            FROM {D.Outbox} x JOIN {D.Occasion} o ON o.id = x.occasion_id
            WHERE x.state = 'pending' AND x.not_before <= @now AND o.state IN {OccasionStateCodes.ContactedList}
            ORDER BY x.not_before
            LIMIT 1{D.ClaimOutboxLocks}
            """,
            ("now", D.Bind(now)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var key = new OutboxKey(
            OccasionId.From(D.ReadGuid(reader, 1)),
            ChannelCodes.Parse(reader.GetString(2)),
            Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture));
        return new Claim(
            reader.GetValue(0),
            key,
            ParticipantRef.From(D.ReadGuid(reader, 4)),
            reader.GetString(5),
            LocalCalendar.Zone(reader.GetString(6)),
            D.ReadInstant(reader, 7));
    }

    private async Task SetAsync(DbTransaction tx, Claim claim, string assignments, object at, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx,
            $"UPDATE {D.Outbox} SET {assignments} WHERE id = @id AND state = 'pending'",
            ("id", claim.RowId), ("at", at), ("node", nodeId));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Outbox row {claim.Key} changed while it was claimed. Please report a bug.");
        }
    }

    private sealed record Claim(object RowId, OutboxKey Key, ParticipantRef Participant, string Language, DateTimeZone Zone, Instant ClosesAt);
}
