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
/// </summary>
internal sealed class ParticipantRandomisation(
    TrialDbContext db, IdentityStoreContext identities, TrialProtocol protocol, TrialCalendar calendar, AllocationSeeds seeds, AuditTrail audit,
    FollowupLink followup, OrganisationAccess access)
{
    public async Task<AllocationOutcome> RandomiseAsync(ParticipantId id, RandomiseRequest request, string? idempotencyKey, StaffUser user,
        CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.Coordinator, TrialRoles.TrialManager);
        RequireKey(idempotencyKey);
        // Concealment: the period (and so the ratio) follows the service's own date, never a date the user types.
        var today = calendar.Today;
        if (request.RandomisedOn is not null && RequestFields.Date(request.RandomisedOn, "randomisedOn") != today)
        {
            throw RejectedException.Invalid("randomisedOn", "service-date",
                $"Randomisation happens on the service's date ({today:uuuu-MM-dd}, {protocol.TimeZone.Id}); leave randomisedOn out. " +
                "An allocation made earlier on paper is entered by the trial manager (POST /api/participants/{id}/randomisation/paper).");
        }
        return await AllocateAsync(id, idempotencyKey!, user, ParticipantVerb.Randomise, async (participant, ct) =>
        {
            if (today < participant.ConsentOn!.Value)
            {
                throw RejectedException.Invalid("randomisedOn", "date-range", $"{today} is before the consent date ({participant.ConsentOn}).");
            }
            var period = PeriodOn(today, "randomisedOn");
            var seed = await seeds.FindAsync(db, ct)
                       ?? throw RejectedException.Conflict("no-allocation-seed", "The statistician has not yet set the allocation seed.");
            var stratum = protocol.StratumOf(CentreCode.Parse(participant.Centre));
            var (slot, head) = await TakeSlotAsync(stratum, period.Code, participant.Centre, ct);
            var allocated = seed.Sequence.At(stratum, period, slot);
            return ((Record(participant, idempotencyKey!, period, allocated.Arm.Value, today, user) with
                { Slot = slot, Block = allocated.Block, BlockSize = allocated.BlockSize, SeedSha256 = seed.SeedSha256 }).ToRecord(), head);
        }, cancellationToken);
    }

    /// <summary>
    /// The emergency procedure: the trial manager enters an allocation that was made on paper while the service could
    /// not be used. It takes no slot of the concealed sequence, is marked as paper, and its reason is audited.
    /// </summary>
    public async Task<AllocationOutcome> EnterPaperAllocationAsync(ParticipantId id, PaperAllocationRequest request, string? idempotencyKey,
        StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.TrialManager);
        RequireKey(idempotencyKey);
        var arm = protocol.Arms.FirstOrDefault(a => a.Code.Value == request.Arm)?.Code
                  ?? throw RejectedException.Invalid("arm", "known-arm", $"'{request.Arm}' is not an arm; use one of {string.Join(", ", protocol.Arms.Select(a => a.Code))}.");
        var reason = RequestFields.Text(request.Reason, "reason", 500);
        return await AllocateAsync(id, idempotencyKey!, user, ParticipantVerb.EnterPaperAllocation, (participant, _) =>
        {
            var on = RequestFields.DateBetween(request.RandomisedOn, "randomisedOn", participant.ConsentOn!.Value, calendar.Today, "the consent date");
            var period = PeriodOn(on, "randomisedOn");
            return Task.FromResult(((Record(participant, idempotencyKey!, period, arm.Value, on, user) with
                { Method = AllocationMethod.Paper, PaperReason = reason }).ToRecord(), (AuditChainRecord?)null));
        }, cancellationToken);
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

    /// <summary>
    /// The steps both verbs share, in one transaction: lock, replay or refuse, transition check, allocate, schedule, audit.
    /// Statements travel together where they can, so a randomisation costs six round trips on PostgreSQL (participant
    /// lock; the checks; slot and audit-chain head; the writes; the follow-up schedule; commit), against 13 plus one per
    /// follow-up occasion before (the identity-store language lookup overlaps the first ones), and the stratum's counter
    /// row is held for the last four only.
    /// </summary>
    private async Task<AllocationOutcome> AllocateAsync(ParticipantId id, string idempotencyKey, StaffUser user, ParticipantVerb verb,
        Func<ParticipantRecord, CancellationToken, Task<(RandomisationRecord Record, AuditChainRecord? Head)>> allocate,
        CancellationToken cancellationToken)
    {
        // The participant's language is the one recorded at screening; follow-up messages and pages use it. The identity
        // store has its own connection, so the lookup runs while the transaction's first round trips are under way.
        var language = identities.Persons.AsNoTracking().Where(p => p.ParticipantId == id.Value).Select(p => p.Language)
            .FirstOrDefaultAsync(cancellationToken);
        try
        {
            return await AllocateAsync(id, idempotencyKey, user, verb, allocate, language, cancellationToken);
        }
        finally
        {
            // Never leave the lookup running on a context the request scope is about to dispose.
            await ((Task)language).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<AllocationOutcome> AllocateAsync(ParticipantId id, string idempotencyKey, StaffUser user, ParticipantVerb verb,
        Func<ParticipantRecord, CancellationToken, Task<(RandomisationRecord Record, AuditChainRecord? Head)>> allocate, Task<string?> language,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, access, id, user, cancellationToken);
        var checks = await CheckAsync(id, idempotencyKey, cancellationToken);
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
        var (record, head) = await allocate(participant, cancellationToken);
        head ??= await AuditTrail.LockHeadAsync(db, participant.Centre, cancellationToken);
        db.Randomisations.Add(record);
        participant.State = ParticipantState.Randomised;
        audit.Stage(db, head, user.UserId,
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
        // A failure rolls back the whole transaction anyway, so EF's savepoint around the batch would only add two round trips.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync(cancellationToken);
        await followup.ScheduleAsync(db, new ScheduleRequest(ParticipantRef.From(id.Value), record.RandomisedOn, protocol.TimeZone,
            await language ?? "nb-NO", protocol.Sha256, participant.Centre, record.Arm), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AllocationOutcome(Response(record, participant), AllocationOrigin.Created);
    }

    private sealed record Checks(bool Randomised, bool KeyUsed, LockStage Stage, bool Withdrawn);

    /// <summary>
    /// In one round trip: is this participant randomised, was this key used before, the trial's lock stage (share-locked
    /// on PostgreSQL, as every verb reads it), and is there a withdrawal.
    /// </summary>
    private async Task<Checks> CheckAsync(ParticipantId id, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            SELECT participant_id = @id FROM randomisations WHERE participant_id = @id OR idempotency_key = @key;
            {TrialLocks.StageStatement(db)};
            SELECT EXISTS (SELECT 1 FROM withdrawals WHERE participant_id = @id);
            """, ("id", id.Value), ("key", idempotencyKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        bool randomised = false, keyUsed = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            randomised |= reader.GetBoolean(0);
            keyUsed |= !reader.GetBoolean(0);
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var stage = TrialLocks.ReadStage(reader);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Checks(randomised, keyUsed, stage, reader.GetBoolean(0));
    }

    /// <summary>
    /// One round trip takes the next slot (the counter row stays locked until commit, serialising the stratum) and
    /// locks the head of the centre's audit chain, which the stratum's lock already serialises.
    /// </summary>
    private async Task<(int Slot, AuditChainRecord? Head)> TakeSlotAsync(string stratum, PeriodCode period, string chain,
        CancellationToken cancellationToken)
    {
        await using var command = Command($"""
            INSERT INTO allocation_counters (stratum, period, next_slot) VALUES (@stratum, @period, 1)
            ON CONFLICT (stratum, period) DO UPDATE SET next_slot = allocation_counters.next_slot + 1
            RETURNING next_slot - 1;
            {AuditTrail.HeadStatement(db)};
            """, ("stratum", stratum), ("period", period.Value), ("chain", chain));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var slot = reader.GetInt32(0);
        await reader.NextResultAsync(cancellationToken);
        var head = await reader.ReadAsync(cancellationToken)
            ? new AuditChainRecord { Chain = reader.GetString(0), LastSeq = reader.GetInt64(1), LastHash = reader.GetString(2) }
            : null;
        return (slot, head);
    }

    private System.Data.Common.DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    internal static AllocationResponse Response(RandomisationRecord r, ParticipantRecord p) =>
        new(p.Id, p.ResearchId, r.Arm, r.Period, r.Ratio, r.RandomisedOn.ToString("R", null), r.ProtocolSha256);
}
