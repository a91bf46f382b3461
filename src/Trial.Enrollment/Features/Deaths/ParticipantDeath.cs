using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Deaths;

/// <summary>Records a death with its date; all follow-up contact stops from that date. The participant stays in ITT.</summary>
internal sealed class ParticipantDeath(TrialDbContext db, TrialCalendar calendar, AuditTrail audit, FollowupLink followup, OrganisationAccess access)
{
    public async Task RecordAsync(ParticipantId id, DeathRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (participant, _) = await ParticipantLocks.LockForVerbAsync(db, access, id, user, ParticipantVerb.RecordDeath, LockedChange.DataEntry, cancellationToken);
        // Consent was given in life, so a death cannot be dated before it; nor before a withdrawal already recorded.
        var diedOn = RequestFields.DateBetween(request.DiedOn, "diedOn", participant.ConsentOn!.Value, calendar.Today, "the consent date");
        var lastWithdrawal = await db.Withdrawals.Where(w => w.ParticipantId == id.Value).Select(w => (LocalDate?)w.EffectiveOn)
            .MaxAsync(cancellationToken);
        if (lastWithdrawal is { } withdrawn && diedOn < withdrawn)
        {
            throw RejectedException.Invalid("diedOn", "death-after-withdrawal", $"{diedOn} is before a recorded withdrawal effective {withdrawn}.");
        }
        participant.DiedOn = diedOn;
        await db.SaveChangesAsync(cancellationToken);
        if (participant.State == ParticipantState.Randomised)
        {
            await followup.StopAsync(db, id, ContactStopScope.Died, diedOn, cancellationToken);
        }
        await audit.AppendAsync(db, participant.Centre, user.UserId, "death.recorded", id.ToString(), new { diedOn = diedOn.ToString("R", null) },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
