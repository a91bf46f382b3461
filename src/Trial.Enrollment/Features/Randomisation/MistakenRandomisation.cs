using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Marks a randomisation as made in error. It is never deleted and stays in the intention-to-treat population. The
/// research store and the audit trail get the reason's code; the free text goes to the identity store.
/// </summary>
internal sealed class MistakenRandomisation(TrialDbContext db, AuditTrail audit, PersonNotes notes, OrganisationAccess access)
{
    public async Task MarkAsync(ParticipantId id, MistakeRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        var code = RequestFields.OneOf(request.Code, "code", MistakeReasons.Codes) ?? MistakeReasons.Other;
        var reason = RequestFields.Text(request.Reason, "reason", 500);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (participant, _) = await ParticipantLocks.LockForVerbAsync(db, access, id, user, ParticipantVerb.MarkRandomisationMistaken, LockedChange.DataEntry, cancellationToken);
        var randomisation = await db.Randomisations.SingleOrDefaultAsync(r => r.ParticipantId == id.Value, cancellationToken)
                            ?? throw RejectedException.Conflict("not-randomised", "The participant has not been randomised.");
        if (randomisation.Mistaken)
        {
            throw RejectedException.Conflict("already-marked", "The randomisation is already marked as mistaken.");
        }
        randomisation.Mistaken = true;
        randomisation.MistakenReason = code;
        randomisation.MistakenBy = user.UserId;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "randomisation.marked-mistaken", id.ToString(), new { code }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notes.AddAsync(id.Value, NoteKind.MistakenRandomisation, randomisation.Id, reason, user.UserId, cancellationToken);
    }
}
