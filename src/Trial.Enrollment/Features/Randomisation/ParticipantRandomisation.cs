using Microsoft.EntityFrameworkCore;
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
    TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AllocationSeeds seeds, AuditTrail audit, FollowupLink followup)
{
    public async Task<AllocationOutcome> RandomiseAsync(ParticipantId id, RandomiseRequest request, string? idempotencyKey, StaffUser user,
        CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.Coordinator, TrialRoles.TrialManager);
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            throw RejectedException.Invalid("Idempotency-Key", "idempotency-key",
                "Send an Idempotency-Key header (1–100 characters, e.g. a new GUID per randomisation) so a retry cannot allocate twice.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, id, user, cancellationToken);
        // One query answers both: is this participant randomised, and was this key used before?
        var earlier = await db.Randomisations.AsNoTracking().Where(r => r.ParticipantId == id.Value || r.IdempotencyKey == idempotencyKey)
            .ToListAsync(cancellationToken);
        if (earlier.FirstOrDefault(r => r.ParticipantId == id.Value) is { } existing)
        {
            return existing.IdempotencyKey == idempotencyKey
                ? new AllocationOutcome(Response(existing, participant), AllocationOrigin.Replayed)
                : throw RejectedException.Conflict("already-randomised", $"The participant was randomised on {existing.RandomisedOn:uuuu-MM-dd}.");
        }
        if (earlier.Count > 0)
        {
            throw RejectedException.Conflict("idempotency-key-reused", "This Idempotency-Key was used for another participant.");
        }
        RequireRandomisable(participant);
        if (await db.Withdrawals.AnyAsync(w => w.ParticipantId == id.Value, cancellationToken))
        {
            throw RejectedException.Conflict("withdrawn", "The participant has withdrawn and cannot be randomised.");
        }
        var on = request.RandomisedOn is null
            ? calendar.Today
            : RequestFields.DateBetween(request.RandomisedOn, "randomisedOn", participant.ConsentOn!.Value, calendar.Today, "the consent date");
        if (on < participant.ConsentOn!.Value)
        {
            throw RejectedException.Invalid("randomisedOn", "date-range", $"{on} is before the consent date ({participant.ConsentOn}).");
        }
        var period = protocol.PeriodOn(on)
                     ?? throw RejectedException.Invalid("randomisedOn", "allocation-period", $"No allocation period of the protocol covers {on}.");
        var seed = await seeds.FindAsync(db, cancellationToken)
                   ?? throw RejectedException.Conflict("no-allocation-seed", "The statistician has not yet set the allocation seed.");

        var stratum = protocol.StratumOf(CentreCode.Parse(participant.Centre));
        var slot = await TakeSlotAsync(stratum, period.Code, cancellationToken);
        var allocated = seed.Sequence.At(stratum, period, slot);
        var record = new RandomisationRecord
        {
            Id = Guid.NewGuid(),
            ParticipantId = id.Value,
            IdempotencyKey = idempotencyKey,
            Stratum = stratum,
            Period = period.Code.Value,
            Ratio = period.Ratio.ToString(),
            FirstArmProbability = (double)period.Ratio.Weights[0].Weight / period.Ratio.Total,
            Slot = slot,
            Block = allocated.Block,
            BlockSize = allocated.BlockSize,
            Arm = allocated.Arm.Value,
            RandomisedOn = on,
            RandomisedAt = calendar.Now,
            RandomisedBy = user.UserId,
            ProtocolSha256 = protocol.Sha256,
            SeedSha256 = seed.SeedSha256,
        };
        db.Randomisations.Add(record);
        participant.State = ParticipantState.Randomised;
        await db.SaveChangesAsync(cancellationToken);
        await followup.ScheduleAsync(db, new ScheduleRequest(ParticipantRef.From(id.Value), on, protocol.TimeZone, "nb-NO", protocol.Sha256,
            participant.Centre, record.Arm), cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "randomisation.allocated", id.ToString(), new
        {
            arm = record.Arm,
            period = record.Period,
            ratio = record.Ratio,
            stratum,
            slot,
            block = record.Block,
            randomisedOn = on.ToString("R", null),
            protocolSha256 = protocol.Sha256,
            seedSha256 = seed.SeedSha256,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AllocationOutcome(Response(record, participant), AllocationOrigin.Created);
    }

    private static void RequireRandomisable(ParticipantRecord participant)
    {
        if (participant.DiedOn is not null)
        {
            throw RejectedException.Conflict("died", $"The participant died on {participant.DiedOn}.");
        }
        switch (participant.State)
        {
            case ParticipantState.Ineligible:
                throw RejectedException.Conflict("not-eligible", $"The participant is not eligible ({participant.ExclusionReason}).");
            case ParticipantState.Eligible:
                throw RejectedException.Conflict("no-consent", "Consent has not been recorded.");
            case ParticipantState.DeclinedConsent:
                throw RejectedException.Conflict("consent-declined", "The participant declined consent.");
        }
    }

    /// <summary>One statement takes the next slot and keeps the counter row locked until commit.</summary>
    private async Task<int> TakeSlotAsync(string stratum, PeriodCode period, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO allocation_counters (stratum, period, next_slot) VALUES ({stratum}, {period.Value}, 1)
            ON CONFLICT (stratum, period) DO UPDATE SET next_slot = allocation_counters.next_slot + 1
            RETURNING next_slot - 1 AS "Value"
            """).ToListAsync(cancellationToken);
        return next.Single();
    }

    internal static AllocationResponse Response(RandomisationRecord r, ParticipantRecord p) =>
        new(p.Id, p.ResearchId, r.Arm, r.Period, r.Ratio, r.RandomisedOn.ToString("R", null), r.ProtocolSha256);
}
