using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Withdrawal;

/// <summary>Records a withdrawal in one scope and applies its effect (stopping follow-up contact) in the same transaction.</summary>
internal sealed class ParticipantWithdrawal(TrialDbContext db, TrialCalendar calendar, AuditTrail audit, FollowupLink followup)
{
    public async Task RecordAsync(ParticipantId id, WithdrawalRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.Coordinator, TrialRoles.TrialManager);
        var scope = WithdrawalEffects.Parse(request.Scope)
                    ?? throw RejectedException.Invalid("scope", "known-value",
                        $"'{request.Scope}' is not a scope; use {string.Join(", ", Enum.GetValues<WithdrawalScope>().Select(WithdrawalEffects.Code))}.");
        var reason = RequestFields.Text(request.Reason, "reason", 500);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, id, user, cancellationToken);
        var effective = RequestFields.DateBetween(request.EffectiveOn, "effectiveOn", participant.ScreenedOn, calendar.Today, "the screening date");
        if (participant.State is not (ParticipantState.Consented or ParticipantState.Randomised))
        {
            throw RejectedException.Conflict("not-consented", "Only a consenting or randomised participant can withdraw.");
        }
        if (await db.Withdrawals.AnyAsync(w => w.ParticipantId == id.Value && w.Scope == scope, cancellationToken))
        {
            throw RejectedException.Conflict("already-withdrawn", $"A withdrawal from {WithdrawalEffects.Code(scope)} is already recorded.");
        }
        db.Withdrawals.Add(new WithdrawalRecord
        {
            Id = Guid.NewGuid(),
            ParticipantId = id.Value,
            Scope = scope,
            EffectiveOn = effective,
            Reason = reason,
            RecordedBy = user.UserId,
            RecordedAt = calendar.Now,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (WithdrawalEffects.StopsContact(scope) is { } stop && participant.State == ParticipantState.Randomised)
        {
            await followup.StopAsync(db, id, stop, effective, reason, cancellationToken);
        }
        await audit.AppendAsync(db, participant.Centre, user.UserId, "withdrawal.recorded", id.ToString(),
            new { scope = WithdrawalEffects.Code(scope), effectiveOn = effective.ToString("R", null) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
