using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Allocates one participant in a single transaction: participant row lock, next slot of the stratum's sequence from
/// the counter row (an UPDATE that holds the row lock until commit), the allocation row (unique per participant, key
/// and slot), the participant's new state, the follow-up schedule and the audit entry. Any refusal or failure rolls
/// all of it back, so a slot is never used twice or skipped.
/// <para>On PostgreSQL that is two round trips (it was 13 plus one per follow-up occasion, then four): the participant
/// lock with the checks, the slot and the centre's audit-chain head; then every write (allocation, state, audit entry
/// and head, follow-up occasions) with the COMMIT as one command. The stratum's counter row is held from the end of the
/// first to the end of the second. The participant's language comes from the identity store in the first round trip
/// where that store is the research database's schema (PostgreSQL's default), otherwise from a lookup on its own
/// connection meanwhile.</para>
/// </summary>
internal sealed class ParticipantRandomisation(
    TrialDbContext db, Identity.ParticipantLanguages languages, TrialProtocol protocol, TrialCalendar calendar, AllocationSeeds seeds, AuditTrail audit,
    FollowupLink followup, OrganisationAccess access, Func<Identity.PersonNotes> notes, RandomisationGate gate,
    StratumSlotStatement stratumSlot)
{
    public async Task<AllocationOutcome> RandomiseAsync(ParticipantId id, RandomiseRequest request, string? idempotencyKey, StaffUser user,
        CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        RequireKey(idempotencyKey);
        // Concealment: the period (and so the ratio) follows the service's own date, never a date the user types.
        var today = calendar.Today;
        if (request.RandomisedOn is not null && RequestFields.Date(request.RandomisedOn, "randomisedOn") != today)
        {
            throw RejectedException.Invalid("randomisedOn", "service-date",
                $"Randomisation happens on the service's date ({today:uuuu-MM-dd}, {protocol.TimeZone.Id}); leave randomisedOn out. " +
                "An allocation made earlier on paper is entered by the trial manager (POST /api/participants/{id}/randomisation/paper).");
        }
        // The slot is taken in the round trip of the checks; if a check or a rule below refuses, the rollback returns it.
        return await AllocateAsync(id, idempotencyKey!, user, ParticipantVerb.Randomise, protocol.PeriodOn(today)?.Code, async (participant, slot, ct) =>
        {
            if (today < participant.ConsentOn!.Value)
            {
                throw RejectedException.Invalid("randomisedOn", "date-range", $"{today} is before the consent date ({participant.ConsentOn}).");
            }
            var period = PeriodOn(today, "randomisedOn");
            var seed = await seeds.FindAsync(db, ct)
                       ?? throw RejectedException.Conflict("no-allocation-seed", "The statistician has not yet set the allocation seed.");
            var stratum = protocol.StratumOf(CentreCode.Parse(participant.Centre));
            var allocated = seed.Sequence.At(stratum, period, slot!.Value);
            return (Record(participant, idempotencyKey!, period, allocated.Arm.Value, today, user) with
                { Slot = slot, Block = allocated.Block, BlockSize = allocated.BlockSize, SeedSha256 = seed.SeedSha256 }).ToRecord();
        }, cancellationToken);
    }

    /// <summary>
    /// The emergency procedure: the trial manager enters an allocation that was made on paper while the service could
    /// not be used. It takes no slot of the concealed sequence, is marked as paper, and its reason code is audited; the
    /// manager's own words become a sealed note in the identity store once the allocation has committed.
    /// </summary>
    public async Task<AllocationOutcome> EnterPaperAllocationAsync(ParticipantId id, PaperAllocationRequest request, string? idempotencyKey,
        StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        RequireKey(idempotencyKey);
        var arm = protocol.Arms.FirstOrDefault(a => a.Code.Value == request.Arm)?.Code
                  ?? throw RejectedException.Invalid("arm", "known-arm", $"'{request.Arm}' is not an arm; use one of {string.Join(", ", protocol.Arms.Select(a => a.Code))}.");
        var code = RequestFields.OneOf(request.Code, "code", PaperReasons.Codes) ?? PaperReasons.Other;
        var reason = RequestFields.Text(request.Reason, "reason", 500);
        var outcome = await AllocateAsync(id, idempotencyKey!, user, ParticipantVerb.EnterPaperAllocation, null, (participant, _, _) =>
        {
            var on = RequestFields.DateBetween(request.RandomisedOn, "randomisedOn", participant.ConsentOn!.Value, calendar.Today, "the consent date");
            var period = PeriodOn(on, "randomisedOn");
            return Task.FromResult((Record(participant, idempotencyKey!, period, arm.Value, on, user) with
                { Method = AllocationMethod.Paper, PaperReason = code }).ToRecord());
        }, cancellationToken);
        if (outcome.Origin == AllocationOrigin.Created && !string.IsNullOrWhiteSpace(reason))
        {
            var allocation = await db.Randomisations.AsNoTracking().Where(r => r.ParticipantId == id.Value).Select(r => r.Id).SingleAsync(cancellationToken);
            // Created here, not injected: PersonNotes takes the identity-store context, and constructing a DbContext looks up
            // EF's internal services by its options (hashing them), about 1 % of the service's CPU per randomisation at 1
            // client, for a note that only a paper allocation writes (bench/results/enrollment-profile.md, 2 December).
            await notes().AddAsync(id.Value, Identity.NoteKind.PaperAllocation, allocation, reason, user.UserId, cancellationToken);
        }
        return outcome;
    }

    private static void RequireKey(string? idempotencyKey)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            throw RejectedException.Invalid("Idempotency-Key", "idempotency-key",
                "Send an Idempotency-Key header (1–100 characters, e.g. a new GUID per randomisation) so a retry cannot allocate twice.");
        }
    }

    private AllocationPeriod PeriodOn(NodaTime.LocalDate on, string field) =>
        protocol.PeriodOn(on) ?? throw RejectedException.Invalid(field, "allocation-period", $"No allocation period of the protocol covers {on}.");

    private AllocationDraft Record(ParticipantRecord participant, string key, AllocationPeriod period, string arm, NodaTime.LocalDate on, StaffUser user) =>
        new(participant.Id, key, protocol.StratumOf(CentreCode.Parse(participant.Centre)), period.Code.Value, period.Ratio.ToString(),
            (double)period.Ratio.Weights[0].Weight / period.Ratio.Total, arm, on, calendar.Now, user.UserId, protocol.Sha256);

    /// <summary>The steps both verbs share, in one transaction: lock, replay or refuse, transition check, allocate, schedule, audit.</summary>
    /// <param name="slotPeriod">The period whose counter (in the participant's stratum) gives the slot; none for a paper allocation.</param>
    private async Task<AllocationOutcome> AllocateAsync(ParticipantId id, string idempotencyKey, StaffUser user, ParticipantVerb verb,
        PeriodCode? slotPeriod, Func<ParticipantRecord, int?, CancellationToken, Task<RandomisationRecord>> allocate,
        CancellationToken cancellationToken)
    {
        // Waiting here, before any connection is taken, rather than on a stratum's counter row in the database.
        using var place = await gate.EnterAsync(cancellationToken);
        // The participant's language is the one recorded at screening; follow-up messages and pages use it.
        if (languages.InResearchStatement is not null)
        {
            // Read by the checks' round trip (CheckAsync): no connection, query or round trip of its own.
            return await AllocateAsync(id, idempotencyKey, user, verb, slotPeriod, allocate, null, cancellationToken);
        }
        // The identity store has its own connection, so the lookup runs while the transaction's first round trip is under way.
        var language = languages.FindAsync(id.Value, cancellationToken);
        try
        {
            return await AllocateAsync(id, idempotencyKey, user, verb, slotPeriod, allocate, language, cancellationToken);
        }
        finally
        {
            // Never leave the lookup running (and its pooled context rented) past the request.
            await ((Task)language).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<AllocationOutcome> AllocateAsync(ParticipantId id, string idempotencyKey, StaffUser user, ParticipantVerb verb,
        PeriodCode? slotPeriod, Func<ParticipantRecord, int?, CancellationToken, Task<RandomisationRecord>> allocate,
        Task<string?>? language, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var checks = await CheckAsync(id, idempotencyKey, slotPeriod, cancellationToken);
        var participant = ParticipantLocks.RequireReach(checks.Participant, access, user);
        if (checks.Randomised)
        {
            var existing = await db.Randomisations.AsNoTracking().SingleAsync(r => r.ParticipantId == id.Value, cancellationToken);
            return existing.IdempotencyKey == idempotencyKey
                ? new AllocationOutcome(Response(existing, participant), AllocationOrigin.Replayed)
                : throw RejectedException.Conflict("already-randomised", $"The participant was randomised on {existing.RandomisedOn:uuuu-MM-dd}.");
        }
        if (checks.KeyUsed)
        {
            throw RejectedException.Conflict("idempotency-key-reused", "This Idempotency-Key was used for another participant.");
        }
        LockRules.Require(checks.Stage, LockedChange.Recruitment);
        ParticipantTransitions.Require(participant, verb);
        if (checks.Withdrawn)
        {
            throw RejectedException.Conflict("withdrawn", "The participant has withdrawn and cannot be randomised.");
        }
        var slot = checks.Slot;
        if (slotPeriod is not null && slot is null)
        {
            // A centre the protocol no longer lists has no stratum in the checks' statement; its slot takes a round trip.
            slot = await TakeSlotAsync(protocol.StratumOf(CentreCode.Parse(participant.Centre)), slotPeriod.Value, cancellationToken);
        }
        var record = await allocate(participant, slot, cancellationToken);
        var head = checks.Head ?? await AuditTrail.LockHeadAsync(db, participant.Centre, cancellationToken);
        var entry = audit.Next(head, user.UserId,
            record.Method == AllocationMethod.Paper ? "randomisation.paper-entered" : "randomisation.allocated", id.ToString(), new
            {
                arm = record.Arm,
                period = record.Period,
                ratio = record.Ratio,
                stratum = record.Stratum,
                slot = record.Slot,
                block = record.Block,
                randomisedOn = record.RandomisedOn.ToString("R", null),
                protocolSha256 = record.ProtocolSha256,
                seedSha256 = record.SeedSha256,
                method = record.Method.ToString().ToLowerInvariant(),
                reason = record.PaperReason,
            });
        var schedule = new ScheduleRequest(ParticipantRef.From(id.Value), record.RandomisedOn, protocol.TimeZone,
            (language is null ? checks.Language : await language) ?? "nb-NO",
            protocol.Sha256, participant.Centre, record.Arm);
        await WriteAndCommitAsync(record, entry, schedule, cancellationToken);
        participant.State = ParticipantState.Randomised;
        return new AllocationOutcome(Response(record, participant), AllocationOrigin.Created);
    }

    /// <summary>
    /// Every write and the commit as one command, the writes as one statement (on PostgreSQL;
    /// <see cref="SqlBatch.WriteAsOneAndCommitAsync"/>): the allocation (its unique indexes refuse a second one), the
    /// participant's state, the audit entry with its chain's head, and the follow-up occasions, whose unique key refuses a
    /// second schedule. Any refusal fails the statement, which makes PostgreSQL skip the COMMIT after it, so all of it
    /// rolls back. They touch five different tables (the participant, counter and head rows already locked by the checks),
    /// so no part depends on another's rows.
    /// </summary>
    private async Task WriteAndCommitAsync(RandomisationRecord r, AuditEntryRecord entry, ScheduleRequest schedule, CancellationToken cancellationToken)
    {
        await using var batch = new SqlBatch(db);
        batch.Add("""
            INSERT INTO randomisations (id, participant_id, idempotency_key, stratum, period, ratio, first_arm_probability, slot, block,
                block_size, arm, randomised_on, randomised_at, randomised_by, protocol_sha256, seed_sha256, method, paper_reason, mistaken)
            VALUES (@r_id, @r_participant, @r_key, @r_stratum, @r_period, @r_ratio, @r_probability, @r_slot, @r_block,
                @r_block_size, @r_arm, @r_on, @r_at, @r_by, @r_protocol, @r_seed, @r_method, @r_reason, @r_mistaken)
            """,
            ("r_id", r.Id), ("r_participant", r.ParticipantId), ("r_key", r.IdempotencyKey), ("r_stratum", r.Stratum), ("r_period", r.Period),
            ("r_ratio", r.Ratio), ("r_probability", r.FirstArmProbability), ("r_slot", r.Slot), ("r_block", r.Block), ("r_block_size", r.BlockSize),
            ("r_arm", r.Arm), ("r_on", r.RandomisedOn.ToDateOnly()), ("r_at", r.RandomisedAt.ToDateTimeOffset()), ("r_by", r.RandomisedBy),
            ("r_protocol", r.ProtocolSha256), ("r_seed", r.SeedSha256), ("r_method", r.Method.ToString()), ("r_reason", r.PaperReason),
            ("r_mistaken", false))
            .Add("UPDATE participants SET state = @r_state WHERE id = @r_participant", ("r_state", ParticipantState.Randomised.ToString()));
        AuditTrail.Add(batch, entry);
        var occasions = followup.PrepareSchedule(schedule);
        if (occasions is null)
        {
            // A follow-up without a statement of its own schedules in its own round trip, before the commit.
            await batch.ExecuteAsync(cancellationToken);
            await followup.ScheduleAsync(db, schedule, cancellationToken);
            await db.Database.CurrentTransaction!.CommitAsync(cancellationToken);
            return;
        }
        if (occasions.Rows > 0)
        {
            batch.Add(occasions.Insert, occasions.Parameters);
        }
        await batch.WriteAsOneAndCommitAsync(cancellationToken);
    }

    /// <param name="Participant">Row-locked (PostgreSQL) and not tracked; null if there is no such participant.</param>
    /// <param name="Slot">Null without a slot period, or for a centre the protocol does not list.</param>
    /// <param name="Language">From the identity store when it is read in this round trip (<see cref="Identity.ParticipantLanguages.InResearchStatement"/>);
    /// null if it is not, or if the store does not hold the person.</param>
    private sealed record Checks(ParticipantRecord? Participant, bool Randomised, bool KeyUsed, LockStage Stage, bool Withdrawn, int? Slot,
        AuditChainRecord? Head, string? Language);

    /// <summary>
    /// In one round trip of four statements, in the order the locks have always been taken: the participant (locked FOR
    /// UPDATE on PostgreSQL, so concurrent changes to the same person queue up); the trial's lock stage (share-locked, as
    /// every verb reads it) with is this participant randomised, was this key used before, is there a withdrawal; then the
    /// slot from the counter of the participant's stratum (the row stays locked until commit, serialising the stratum) and
    /// the head of the participant's centre's audit chain (locked too; the stratum's lock already serialises it). The stratum and the
    /// chain are found from the participant's row inside the statements, since the row is not yet read; refusals of the
    /// participant (none, another centre, out of reach) come after, and the rollback returns what was taken. The lock stage's
    /// statement also reads the participant's language where the identity store shares the research connection.
    /// </summary>
    private async Task<Checks> CheckAsync(ParticipantId id, string idempotencyKey, PeriodCode? slotPeriod, CancellationToken cancellationToken)
    {
        await using var batch = new SqlBatch(db);
        batch.Add(ParticipantLocks.LockStatement(db), ("id", id.Value))
            // The lock stage, "randomised?", "key used before?" and "withdrawn?" in one statement (they were four): each
            // statement costs PostgreSQL a bind, an executor start and end and a result. The participant's lock was taken
            // by the statement before, so this statement's snapshot already sees everything committed for them. Each check
            // is an equality on a unique index rather than one OR: PostgreSQL keeps the plan of a prepared statement, and
            // an OR's plan made while the table was small is a sequential scan (500 randomisations of the bench read
            // 125,250 rows that way, with no index scan).
            .Add(TrialLocks.StageStatement(db,
                "EXISTS (SELECT 1 FROM randomisations WHERE participant_id = @id), " +
                "EXISTS (SELECT 1 FROM randomisations WHERE idempotency_key = @key AND participant_id <> @id), " +
                "EXISTS (SELECT 1 FROM withdrawals WHERE participant_id = @id)" +
                (languages.InResearchStatement is { } inResearch ? ", " + inResearch : "")), ("key", idempotencyKey));
        if (slotPeriod is not null)
        {
            batch.Add(stratumSlot.Sql, [("period", slotPeriod.Value.Value), .. stratumSlot.Parameters]);
        }
        batch.Add(AuditTrail.HeadStatement(db, StratumSlotStatement.ParticipantCentre));
        await using var reader = await batch.ReadAsync(cancellationToken);
        var participant = await reader.ReadAsync(cancellationToken) ? MappedRows<ParticipantRecord>.For(db).Read(reader) : null;
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stage = TrialLocks.ReadStage(reader);
        var (randomised, keyUsed, withdrawn) = (reader.GetBoolean(3), reader.GetBoolean(4), reader.GetBoolean(5));
        var language = languages.InResearchStatement is not null && !reader.IsDBNull(6) ? reader.GetString(6) : null;
        int? taken = null;
        if (slotPeriod is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            taken = await reader.ReadAsync(cancellationToken) ? reader.GetInt32(0) : null;
        }
        await reader.NextResultAsync(cancellationToken);
        var head = await reader.ReadAsync(cancellationToken)
            ? new AuditChainRecord { Chain = reader.GetString(0), LastSeq = reader.GetInt64(1), LastHash = reader.GetString(2) }
            : null;
        return new Checks(participant, randomised, keyUsed, stage, withdrawn, taken, head, language);
    }

    /// <summary>The next slot of a stratum's counter, locked until commit, in a round trip of its own.</summary>
    private async Task<int> TakeSlotAsync(string stratum, PeriodCode period, CancellationToken cancellationToken)
    {
        await using var batch = new SqlBatch(db);
        batch.Add(StratumSlotStatement.Slot("@stratum"), ("stratum", stratum), ("period", period.Value));
        await using var reader = await batch.ReadAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt32(0);
    }

    internal static AllocationResponse Response(RandomisationRecord r, ParticipantRecord p) =>
        new(p.Id, p.ResearchId, r.Arm, r.Period, r.Ratio, r.RandomisedOn.ToString("R", null), r.ProtocolSha256);
}
