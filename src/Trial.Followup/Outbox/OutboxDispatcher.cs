using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
/// Sends due outbox rows without ever holding a database transaction across network I/O:
/// <list type="number">
/// <item><b>Claim</b>, one short transaction: take up to <see cref="ClaimBatch"/> due rows (FOR UPDATE SKIP LOCKED),
/// share-lock their occasions without waiting, issue their links (one insert), and for each count the try and push
/// <c>not_before</c> past a lease with a fresh claim token of its own (one update); commit. Closed occasions, rows
/// outside the allowed hours and e-mail without a relay are settled here instead. Several rows per transaction share
/// its round trips and its commit, which cost more than the send itself.</item>
/// <item><b>Send</b>, each claimed row in turn, no transaction open: look up the address, look once more at the row
/// and its occasion (a completion, withdrawal or death committed since the claim cancels the row, and nothing is
/// sent), then hand the message to the channel. A withdrawal never waits for a relay. Once half the lease is gone
/// (a slow relay) the rows not yet sent are given back, so no row is still being sent when its lease runs out.</item>
/// <item><b>Record</b>, a second short transaction: sent (only after the relay accepted it), or a failure with
/// exponential backoff, or parked with a phone task when the failure is permanent or the tries are used up.</item>
/// </list>
/// A node killed between claim and record leaves its claimed rows to fall due when their lease runs out; another node
/// then sends them, and the one (per worker) that the relay may already have accepted goes again with the same
/// Message-ID (derived from the idempotency key), so a duplicate is recognisable. Nothing is marked sent that
/// the relay did not accept, and one failing message only delays itself: its backoff moves it out of the pass.
/// </summary>
internal sealed class OutboxDispatcher
{
    private readonly FollowupStore _store;
    private readonly FollowupProtocol _protocol;
    private readonly IClock _clock;
    private readonly IContactDirectory _directory;
    private readonly IQuestionnaireLinks _links;
    private readonly IEmailChannel _email;
    private readonly ISmsChannel _sms;
    private readonly string _nodeId;
    private readonly OutboxRetryPolicy _policy;
    private readonly IDispatchHooks _hooks;
    private readonly ILogger _logger;
    private readonly RelayBackoff _relay;

    public OutboxDispatcher(FollowupStore store, FollowupProtocol protocol, IClock clock, IContactDirectory directory, IQuestionnaireLinks links,
        IEmailChannel email, ISmsChannel sms, string nodeId)
        : this(store, protocol, clock, directory, links, email, sms, nodeId, OutboxRetryPolicy.Default, IDispatchHooks.None, NullLogger<OutboxDispatcher>.Instance)
    {
    }

    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
    public OutboxDispatcher(FollowupStore store, FollowupProtocol protocol, IClock clock, IContactDirectory directory, IQuestionnaireLinks links,
        IEmailChannel email, ISmsChannel sms, string nodeId, OutboxRetryPolicy policy, IDispatchHooks hooks, ILogger<OutboxDispatcher> logger)
    {
        _store = store;
        _protocol = protocol;
        _clock = clock;
        _directory = directory;
        _links = links;
        _email = email;
        _sms = sms;
        _nodeId = nodeId;
        _policy = policy;
        _hooks = hooks;
        _logger = logger;
        _relay = new RelayBackoff(store, policy);
    }

    /// <summary>
    /// Rows per claim transaction. Small, so that a worker's claimed-but-unsent rows (out of other nodes' reach until
    /// the lease runs out if it dies) stay few, and the last of them is sent soon after the claim.
    /// </summary>
    internal const int ClaimBatch = 8;

    private FollowupSqlDialect D => _store.Dialect;

    /// <summary>Runs <paramref name="workers"/> workers until no due row is left to claim.</summary>
    public async Task<DispatchReport> DispatchDueAsync(int workers, CancellationToken cancellationToken)
    {
        RelayState? relay = null;
        if (_email.HasRelay)
        {
            await ReleaseHeldEmailAsync(cancellationToken);
            relay = await RelayBackoff.ReadAsync(_store, cancellationToken);
        }
        // SQLite has a single writer; one worker there, so a claim is never read by two workers at once.
        workers = D.Database == FollowupDatabase.Sqlite ? 1 : workers;
        var reports = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => RunWorkerAsync(relay, cancellationToken), cancellationToken)));
        return reports.Aggregate(DispatchReport.Empty, (total, report) => total.Add(report));
    }

    private async Task<DispatchReport> RunWorkerAsync(RelayState? relay, CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var mail = new MailConnection(_email, _relay, relay, _logger);
        var report = DispatchReport.Empty;
        var contended = new HashSet<Guid>();
        while (true)
        {
            var now = _clock.GetCurrentInstant();
            var batch = await ClaimAsync(connection, mail, now, contended, cancellationToken);
            if (batch is null)
            {
                return report;
            }
            report = batch.Settled.Aggregate(report, (total, outcome) => total.Add(outcome));
            for (var i = 0; i < batch.Claims.Count; i++)
            {
                var claim = batch.Claims[i];
                if (_clock.GetCurrentInstant() >= now + _policy.ClaimLease / 2)
                {
                    // A slow relay has used half the lease: the rest go back rather than risk a send outliving its lease.
                    foreach (var unsent in batch.Claims.Skip(i))
                    {
                        await ReleaseAsync(connection, unsent, null, _clock.GetCurrentInstant(), cancellationToken);
                    }
                    break;
                }
                report = report.Add(await DispatchClaimedAsync(connection, mail, claim, cancellationToken));
            }
        }
    }

    private async Task<DispatchOutcome> DispatchClaimedAsync(DbConnection connection, MailConnection mail, SendClaim claim, CancellationToken cancellationToken)
    {
        var now = _clock.GetCurrentInstant();
        if (mail.HoldsBack(claim.Key.Channel, now) is { } relay)
        {
            // The relay failed after this e-mail was claimed with the rest of its batch: it waits for the relay, as if
            // the claim had seen the failure, with its try given back.
            await ReleaseAsync(connection, claim, relay.LastError, relay.NextTryAt, cancellationToken);
            return DispatchOutcome.Deferred;
        }
        await _hooks.BeforeSendAsync(claim.Key, cancellationToken);
        now = _clock.GetCurrentInstant();
        try
        {
            return await SendAsync(connection, claim, mail, now, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await mail.DropAsync();
            return await RecordFailureAsync(connection, claim, now, e, cancellationToken);
        }
    }

    /// <summary>
    /// The first short transaction, over up to <see cref="ClaimBatch"/> due rows. Null when no due row was free; else
    /// the rows to send now, and what became of the others (settled here, or left because their occasion is busy).
    /// </summary>
    private async Task<ClaimedBatch?> ClaimAsync(DbConnection connection, MailConnection mail, Instant now, HashSet<Guid> contended,
        CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var due = await FindDueAsync(tx, now, contended, cancellationToken);
        if (due.Count == 0)
        {
            await tx.CommitAsync(cancellationToken);
            return null;
        }
        var settled = new List<DispatchOutcome>();
        var sendable = new List<(DueRow Row, ClaimedOccasion Occasion)>();
        foreach (var row in due)
        {
            if (row.Occasion is not { } occasion)
            {
                // Left for the next pass, by which time the other transaction has committed (and cancelled it) or not.
                contended.Add(row.RowId);
                settled.Add(DispatchOutcome.Contended);
            }
            else if (await SettleAsync(tx, mail, row, occasion, now, cancellationToken) is { } outcome)
            {
                settled.Add(outcome);
            }
            else
            {
                sendable.Add((row, occasion));
            }
        }
        var claims = new List<SendClaim>(sendable.Count);
        if (sendable.Count > 0)
        {
            var links = await _links.IssueAsync(sendable.Select(s => new LinkRequest(s.Row.Key.Occasion, s.Occasion.ClosesAt)).ToList(), tx, cancellationToken);
            claims.AddRange(sendable.Select((s, i) => new SendClaim(s.Row.RowId, s.Row.Key, Guid.NewGuid().ToString("N"), s.Row.Tries + 1, s.Occasion, links[i])));
            await ClaimRowsAsync(tx, claims, now, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return new ClaimedBatch(claims, settled);
    }

    /// <summary>Null when the row is to be sent now; otherwise what was done with it instead, inside the claim transaction.</summary>
    private async Task<DispatchOutcome?> SettleAsync(DbTransaction tx, MailConnection mail, DueRow row, ClaimedOccasion occasion, Instant now,
        CancellationToken cancellationToken)
    {
        await _hooks.InsideClaimAsync(row.Key, cancellationToken);
        if (occasion.State is not (OccasionState.Invited or OccasionState.Reminded))
        {
            // Closing an occasion cancels its sends in the same transaction, so this is only a second line of defence.
            await SetAsync(tx, row.RowId, row.Key, "state = 'cancelled', cancel_reason = @at", "occasion " + occasion.State.ToString().ToLowerInvariant(), cancellationToken);
            return DispatchOutcome.Cancelled;
        }
        // Re-checked at send time: a row can have waited past the end of the allowed hours (a node was down).
        if (!_protocol.AllowedHours.Contains(now, occasion.Zone))
        {
            await SetAsync(tx, row.RowId, row.Key, "not_before = @at", D.Bind(_protocol.AllowedHours.EarliestFrom(now, occasion.Zone)), cancellationToken);
            return DispatchOutcome.Deferred;
        }
        if (row.Key.Channel == MessageChannel.Email && !_email.HasRelay)
        {
            await SetAsync(tx, row.RowId, row.Key, "state = 'held', last_error = @at", "no-relay", cancellationToken);
            return DispatchOutcome.Held;
        }
        if (mail.HoldsBack(row.Key.Channel, now) is { } relay)
        {
            // The relay failed and its own backoff has not run out: the e-mail waits for it, its tries untouched.
            await using var wait = SqlStatement.Create(tx, $"UPDATE {D.Outbox} SET not_before = @next, last_error = @code WHERE id = @id AND state = 'pending'",
                ("id", D.Bind(row.RowId)), ("next", D.Bind(relay.NextTryAt)), ("code", relay.LastError));
            await wait.ExecuteNonQueryAsync(cancellationToken);
            return DispatchOutcome.Deferred;
        }
        return null;
    }

    /// <summary>Counts the try and takes the lease on every sendable row of the batch, each under its own token, in one statement.</summary>
    private async Task ClaimRowsAsync(DbTransaction tx, IReadOnlyList<SendClaim> claims, Instant now, CancellationToken cancellationToken)
    {
        var ids = string.Join(", ", claims.Select((_, i) => $"@id{i}"));
        var tokens = string.Join(" ", claims.Select((_, i) => $"WHEN @id{i} THEN @token{i}"));
        (string, object?)[] parameters =
        [
            ("lease", D.Bind(now + _policy.ClaimLease)),
            .. claims.SelectMany((c, i) => new (string, object?)[] { ($"id{i}", D.Bind(c.RowId)), ($"token{i}", c.Token) }),
        ];
        await using var command = SqlStatement.Create(tx,
            $"UPDATE {D.Outbox} SET tries = tries + 1, claim_token = CASE id {tokens} END, not_before = @lease WHERE id IN ({ids}) AND state = 'pending'",
            parameters);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != claims.Count)
        {
            throw new InvalidOperationException($"Outbox rows {string.Join(", ", claims.Select(c => c.Key))} changed while they were claimed. Please report a bug.");
        }
    }

    /// <summary>Outside any transaction: the address, a last look at the row, the send, then the record.</summary>
    private async Task<DispatchOutcome> SendAsync(DbConnection connection, SendClaim claim, MailConnection mail, Instant now, CancellationToken cancellationToken)
    {
        var occasion = claim.Occasion;
        var address = await _directory.FindAsync(occasion.Participant, cancellationToken);
        var to = claim.Key.Channel == MessageChannel.Email ? address?.Email : address?.MobilePhone;
        if (string.IsNullOrWhiteSpace(to))
        {
            return await RecordAsync(connection, claim, "state = 'no_address', sent_at = @at", DispatchOutcome.NoAddress, now, cancellationToken);
        }
        if (!await StillSendableAsync(connection, claim, cancellationToken))
        {
            return DispatchOutcome.Cancelled;
        }
        var language = address is not null && MessageTemplates.Languages.Contains(address.Language) ? address.Language : occasion.Language;
        var template = MessageRenderer.Template(_protocol, claim.Key, language);
        var lastDay = occasion.ClosesAt.InZone(occasion.Zone).Date.PlusDays(-1);
        if (claim.Key.Channel == MessageChannel.Email)
        {
            IEmailSession session;
            try
            {
                session = await mail.OpenAsync(now, cancellationToken);
            }
            catch (DeliveryFailedException e)
            {
                // The relay is unreachable: not this message's fault, so the try is given back and it waits for the relay.
                await ReleaseAsync(connection, claim, e.Code, mail.Relay?.NextTryAt ?? now + _policy.FirstRetry, cancellationToken);
                return DispatchOutcome.Failed;
            }
            await session.SendAsync(
                new OutgoingEmail(to, template.EmailSubject, MessageRenderer.Render(template.EmailBody, claim.Link, lastDay, language), claim.Key.MessageId, language, now),
                cancellationToken);
        }
        else
        {
            await _sms.SendAsync(new OutgoingSms(to, MessageRenderer.Render(template.Sms, claim.Link, lastDay, language), claim.Key.ToString()), cancellationToken);
        }
        // A row cancelled while the relay was taking it did go out: recorded as sent (its cancel_reason stays to say so).
        return await RecordAsync(connection, claim, "state = 'sent', sent_at = @at, sent_by = @node", DispatchOutcome.Sent, now, cancellationToken,
            states: "('pending','cancelled')");
    }

    /// <summary>
    /// The row is still ours and pending and its occasion still open. A completion, withdrawal or death that committed
    /// after the claim has cancelled the row; then nothing is sent.
    /// </summary>
    private async Task<bool> StillSendableAsync(DbConnection connection, SendClaim claim, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(connection,
            $"SELECT x.state, x.claim_token, o.state FROM {D.Outbox} x JOIN {D.Occasion} o ON o.id = x.occasion_id WHERE x.id = @id",
            ("id", D.Bind(claim.RowId)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            && reader.GetString(0) == "pending"
            && !reader.IsDBNull(1) && reader.GetString(1) == claim.Token
            && OccasionStateCodes.Parse(reader.GetString(2)) is OccasionState.Invited or OccasionState.Reminded;
    }

    private async Task<DispatchOutcome> RecordFailureAsync(DbConnection connection, SendClaim claim, Instant now, Exception failure, CancellationToken cancellationToken)
    {
        var (code, permanent) = failure is DeliveryFailedException d ? (d.Code, d.Permanent) : ("error", false);
        if (failure is DeliveryFailedException)
        {
            _logger.LogWarning("Outbox {Key}: try {Tries} failed ({Code})", claim.Key, claim.Tries, code);
        }
        else
        {
            _logger.LogError(failure, "Outbox {Key}: try {Tries} failed unexpectedly", claim.Key, claim.Tries);
        }
        if (!permanent && claim.Tries < _policy.MaxTries)
        {
            await using var retry = SqlStatement.Create(connection,
                $"UPDATE {D.Outbox} SET not_before = @next, last_error = @code, claim_token = NULL WHERE id = @id AND claim_token = @token AND state = 'pending'",
                ("id", D.Bind(claim.RowId)), ("token", claim.Token), ("code", code), ("next", D.Bind(now + _policy.DelayAfter(claim.Tries))));
            await retry.ExecuteNonQueryAsync(cancellationToken);
            return DispatchOutcome.Failed;
        }
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var park = SqlStatement.Create(tx,
            $"UPDATE {D.Outbox} SET state = 'parked', parked_at = @now, last_error = @code, claim_token = NULL WHERE id = @id AND claim_token = @token AND state = 'pending'",
            ("id", D.Bind(claim.RowId)), ("token", claim.Token), ("code", code), ("now", D.Bind(now))))
        {
            if (await park.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                // Cancelled meanwhile (the occasion closed): nothing to phone about.
                await tx.CommitAsync(cancellationToken);
                return DispatchOutcome.Cancelled;
            }
        }
        // The coordinator phones instead. An open "no answer" task for the occasion already asks for that call.
        await using (var task = SqlStatement.Create(tx,
            $"""
            INSERT INTO {D.PhoneTask} AS t (id, occasion_id, participant, centre_code, created_at, state, reason)
            VALUES (@task, @occasion, @participant, @centre, @now, 'open', 'undeliverable')
            ON CONFLICT (occasion_id) DO UPDATE SET reason = 'undeliverable' WHERE t.state = 'open'
            """,
            ("task", D.Bind(Guid.NewGuid())), ("occasion", D.Bind(claim.Key.Occasion.Value)), ("participant", D.Bind(claim.Occasion.Participant.Value)),
            ("centre", claim.Occasion.Centre), ("now", D.Bind(now))))
        {
            await task.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        _logger.LogWarning("Outbox {Key}: parked after {Tries} tries ({Code}); phone task opened", claim.Key, claim.Tries, code);
        return DispatchOutcome.Parked;
    }

    /// <summary>
    /// Gives the claim back without counting the try, due at <paramref name="next"/>: the relay, not the message, failed
    /// (<paramref name="code"/> says how), or the row's turn in its batch came too late in the lease (no code).
    /// </summary>
    private async Task ReleaseAsync(DbConnection connection, SendClaim claim, string? code, Instant next, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(connection,
            $"UPDATE {D.Outbox} SET tries = tries - 1, not_before = @next, last_error = COALESCE(@code, last_error), claim_token = NULL WHERE id = @id AND claim_token = @token AND state = 'pending'",
            ("id", D.Bind(claim.RowId)), ("token", claim.Token), ("code", code), ("next", D.Bind(next)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DispatchOutcome> RecordAsync(DbConnection connection, SendClaim claim, string assignments, DispatchOutcome outcome, Instant now,
        CancellationToken cancellationToken, string states = "('pending')")
    {
        await using var command = SqlStatement.Create(connection,
            $"UPDATE {D.Outbox} SET {assignments}, claim_token = NULL WHERE id = @id AND claim_token = @token AND state IN {states}",
            ("id", D.Bind(claim.RowId)), ("token", claim.Token), ("at", D.Bind(now)), ("node", _nodeId));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            // The lease ran out and another worker claimed the row: it will send it again under the same Message-ID.
            _logger.LogWarning("Outbox {Key}: claim lost before its outcome was recorded; the row's new claimant sends it again", claim.Key);
        }
        return outcome;
    }

    /// <summary>Once a relay is configured, e-mail held for want of one becomes due again.</summary>
    private async Task ReleaseHeldEmailAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"UPDATE {D.Outbox} SET state = 'pending', last_error = NULL WHERE state IN ('parked','held') AND state = 'held' AND channel = 'email'");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<DueRow>> FindDueAsync(DbTransaction tx, Instant now, IReadOnlySet<Guid> contended, CancellationToken cancellationToken)
    {
        // The outbox rows alone first: ordered by the partial index and locked, so the claim stays cheap however many
        // rows are due (joining first made the planner sort every due row on every claim).
        var skip = contended.Count == 0 ? "" : $" AND x.id NOT IN ({string.Join(", ", contended.Select((_, i) => $"@skip{i}"))})";
        (string, object?)[] parameters = [("now", D.Bind(now)), .. contended.Select((id, i) => ($"skip{i}", D.Bind(id)))];
        var rows = new List<(Guid RowId, OutboxKey Key, int Tries)>(ClaimBatch);
        await using (var command = SqlStatement.Create(tx,
            $"""
            SELECT x.id, x.occasion_id, x.channel, x.attempt, x.tries FROM {D.Outbox} x
            WHERE x.state = 'pending' AND x.not_before <= @now{skip}
            ORDER BY x.not_before
            LIMIT {ClaimBatch}{D.SkipLocked}
            """,
            parameters))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((D.ReadGuid(reader, 0), new OutboxKey(
                    OccasionId.From(D.ReadGuid(reader, 1)),
                    ChannelCodes.Parse(reader.GetString(2)),
                    Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)),
                    Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        if (rows.Count == 0)
        {
            return [];
        }
        // Then a share lock on their occasions, without waiting: a completion or withdrawal holding one will cancel its
        // rows when it commits, and waiting here could deadlock with it (it locks the occasion, then the outbox). An
        // occasion skipped that way is missing from the answer, and its rows are left for the next pass.
        var occasionIds = rows.Select(r => r.Key.Occasion.Value).Distinct().ToList();
        var occasions = new Dictionary<Guid, ClaimedOccasion>(occasionIds.Count);
        await using (var command = SqlStatement.Create(tx,
            $"SELECT id, participant, language, time_zone, closes_at, state, centre_code FROM {D.Occasion} WHERE id IN ({string.Join(", ", occasionIds.Select((_, i) => $"@o{i}"))}){D.ShareOccasion}",
            [.. occasionIds.Select((id, i) => ($"o{i}", D.Bind(id)))]))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                occasions[D.ReadGuid(reader, 0)] = new ClaimedOccasion(
                    ParticipantRef.From(D.ReadGuid(reader, 1)),
                    reader.GetString(2),
                    LocalCalendar.Zone(reader.GetString(3)),
                    D.ReadInstant(reader, 4),
                    OccasionStateCodes.Parse(reader.GetString(5)),
                    reader.GetString(6));
            }
        }
        return rows.Select(r => new DueRow(r.RowId, r.Key, r.Tries, occasions.GetValueOrDefault(r.Key.Occasion.Value))).ToList();
    }

    private async Task SetAsync(DbTransaction tx, Guid rowId, OutboxKey key, string assignments, object at, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(tx,
            $"UPDATE {D.Outbox} SET {assignments} WHERE id = @id AND state = 'pending'",
            ("id", D.Bind(rowId)), ("at", at), ("node", _nodeId));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Outbox row {key} changed while it was claimed. Please report a bug.");
        }
    }

    /// <param name="Occasion">Null when another transaction is changing the occasion right now.</param>
    private sealed record DueRow(Guid RowId, OutboxKey Key, int Tries, ClaimedOccasion? Occasion);

    /// <param name="Tries">Including this one.</param>
    private sealed record SendClaim(Guid RowId, OutboxKey Key, string Token, int Tries, ClaimedOccasion Occasion, Uri Link);

    /// <param name="Claims">Claimed for sending now, in the order they are to be sent.</param>
    /// <param name="Settled">What became of the batch's other rows inside the claim transaction.</param>
    private sealed record ClaimedBatch(IReadOnlyList<SendClaim> Claims, IReadOnlyList<DispatchOutcome> Settled);

    private sealed record ClaimedOccasion(ParticipantRef Participant, string Language, DateTimeZone Zone, Instant ClosesAt, OccasionState State, string Centre);

    /// <summary>
    /// A worker's connection to the relay, opened at its first e-mail and dropped after a failure so the next message
    /// starts on a fresh one. A failure to open counts once for the relay (<see cref="RelayBackoff"/>), and the rest of
    /// the pass leaves e-mail waiting for the relay's next try instead of knocking again.
    /// </summary>
    private sealed class MailConnection(IEmailChannel channel, RelayBackoff backoff, RelayState? relay, ILogger logger) : IAsyncDisposable
    {
        private IEmailSession? _session;
        private DeliveryFailedException? _unreachable;

        /// <summary>The relay's failures in a row, as read at the start of the pass or recorded by this worker; null while it works.</summary>
        public RelayState? Relay { get; private set; } = relay;

        /// <summary>The relay's state when a message on <paramref name="channel"/> must wait for it: an e-mail while the relay's backoff runs; else null.</summary>
        public RelayState? HoldsBack(MessageChannel channel, Instant now) =>
            channel == MessageChannel.Email && Relay is { } failed && failed.NextTryAt > now ? failed : null;

        public async Task<IEmailSession> OpenAsync(Instant now, CancellationToken cancellationToken)
        {
            if (_unreachable is not null)
            {
                throw _unreachable;
            }
            if (_session is not null)
            {
                return _session;
            }
            try
            {
                _session = await channel.OpenSessionAsync(cancellationToken);
            }
            catch (DeliveryFailedException e)
            {
                Relay = await backoff.RecordFailureAsync(e.Code, now, cancellationToken);
                // Once per pass: the operator must learn why e-mail waits (refused password, untrusted certificate, no TLS).
                logger.LogWarning("E-mail relay not used ({Code}, {Failures} failed attempt(s) in a row since {Since}): {Reason} E-mail waits; next attempt at {Next}.",
                    e.Code, Relay.Failures, Relay.FirstFailedAt, e.Message, Relay.NextTryAt);
                _unreachable = e;
                throw;
            }
            if (Relay is not null)
            {
                await backoff.ClearAsync(cancellationToken);
                Relay = null;
            }
            return _session;
        }

        public async Task DropAsync()
        {
            if (_session is { } session)
            {
                _session = null;
                await session.DisposeAsync();
            }
        }

        public ValueTask DisposeAsync() => new(DropAsync());
    }
}
