using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Withdrawal;

/// <summary>
/// Records a withdrawal in one scope and applies its effect (stopping follow-up contact) in the same transaction. The
/// participant's reason is their own words: it goes to the identity store, never to the research store or Follow-up.
/// </summary>
internal sealed class ParticipantWithdrawal(TrialDbContext db, TrialCalendar calendar, AuditTrail audit, FollowupLink followup, PersonNotes notes,
    OrganisationAccess access)
{
    public async Task RecordAsync(ParticipantId id, WithdrawalRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var scope = WithdrawalEffects.Parse(request.Scope)
                    ?? throw RejectedException.Invalid("scope", "known-value",
                        $"'{request.Scope}' is not a scope; use {string.Join(", ", Enum.GetValues<WithdrawalScope>().Select(WithdrawalEffects.Code))}.");
        var reason = RequestFields.Text(request.Reason, "reason", 500);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A withdrawal from data use still counts after the database lock; the others are stopped by it.
        var (participant, _) = await ParticipantLocks.LockForVerbAsync(db, access, id, user, ParticipantVerb.Withdraw,
            LockRules.AllowedAfterLock(scope) ? null : LockedChange.Withdrawal, cancellationToken);
        // A withdrawal is made in life: it may be recorded after a death but not dated after it.
        var effective = RequestFields.DateBetween(request.EffectiveOn, "effectiveOn", participant.ConsentOn!.Value, calendar.Today, "the consent date");
        if (participant.DiedOn is { } diedOn && effective > diedOn)
        {
            throw RejectedException.Invalid("effectiveOn", "after-death", $"{effective} is after the recorded death ({diedOn}).");
        }
        var earlier = await db.Withdrawals.Where(w => w.ParticipantId == id.Value).ToListAsync(cancellationToken);
        if (earlier.FirstOrDefault(w => WithdrawalEffects.Covers(w.Scope).Contains(scope)) is { } covering)
        {
            throw RejectedException.Conflict("already-withdrawn",
                $"A withdrawal from {WithdrawalEffects.Code(covering.Scope)} (effective {covering.EffectiveOn:uuuu-MM-dd}) already covers {WithdrawalEffects.Code(scope)}.");
        }
        var withdrawal = new WithdrawalRecord
        {
            Id = Guid.NewGuid(),
            ParticipantId = id.Value,
            Scope = scope,
            EffectiveOn = effective,
            // The column predates the identity store's notes; it holds no words any more.
            Reason = "",
            RecordedBy = user.UserId,
            RecordedAt = calendar.Now,
        };
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(cancellationToken);
        // Contact already stopped by an earlier, narrower withdrawal (or by the death) is not stopped twice.
        if (WithdrawalEffects.StopsContact(scope) is { } stop && participant.State == ParticipantState.Randomised && participant.DiedOn is null
            && earlier.All(w => WithdrawalEffects.StopsContact(w.Scope) != stop))
        {
            await followup.StopAsync(db, id, stop, effective, cancellationToken);
        }
        await audit.AppendAsync(db, participant.Centre, user.UserId, "withdrawal.recorded", id.ToString(),
            new { scope = WithdrawalEffects.Code(scope), effectiveOn = effective.ToString("R", null) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notes.AddAsync(id.Value, NoteKind.Withdrawal, withdrawal.Id, reason, user.UserId, cancellationToken);
    }
}
