using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Erasure;

/// <summary>
/// Erases a person's direct identifiers: their key, sealed identifiers and notes leave the identity store. With the key
/// gone, copies of the sealed identifiers in backups can no longer be opened. The pseudonymous research record stays
/// (the randomisation is never deleted); the erasure is audited on the participant's centre chain.
/// </summary>
internal sealed class IdentityErasure(TrialDbContext db, IdentityStoreContext identities, AuditTrail audit, OrganisationAccess access)
{
    public async Task EraseAsync(ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(Followup.Access.TrialRoles.TrialManager);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, access, id, user, cancellationToken);
        // The key first: once it is gone nothing else of the person can be read, even if the rest failed to go.
        var keys = await identities.PersonKeys.Where(k => k.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await identities.Persons.Where(p => p.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await identities.Notes.Where(n => n.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "identity.erased", id.ToString(), new { keyRemoved = keys > 0 }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
