using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Erasure;

/// <summary>
/// Erases a person's direct identifiers: their key, sealed identifiers and notes leave the identity store. With the key
/// gone, copies of the sealed identifiers in backups can no longer be opened. The pseudonymous research record stays
/// (the randomisation is never deleted). The erasure and its audit entry on the participant's centre chain are one
/// transaction over both stores (<see cref="StoresTransaction"/>): an erasure is never without its entry, nor the reverse.
/// </summary>
internal sealed class IdentityErasure(TrialDbContext db, IdentityStoreContext identities, AuditTrail audit, OrganisationAccess access,
    TrialHostOptions options, IErasureHooks hooks)
{
    public async Task EraseAsync(ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(Followup.Access.StaffRole.TrialManager);
        await using var transaction = await StoresTransaction.BeginAsync(db, identities, options, cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, access, id, user, cancellationToken);
        var keys = await identities.PersonKeys.Where(k => k.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await identities.Persons.Where(p => p.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await identities.Notes.Where(n => n.ParticipantId == id.Value).ExecuteDeleteAsync(cancellationToken);
        await hooks.BetweenErasureAndAuditAsync(id, cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "identity.erased", id.ToString(), new { keyRemoved = keys > 0 }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (options.Database == DatabaseProvider.Sqlite)
        {
            // secure_delete zeroed the key in the page; the WAL still holds the frame that once wrote it. A truncating
            // checkpoint copies the zeroed page into identity.db and empties the WAL (best effort: a long reader can keep
            // the WAL until the next checkpoint).
            await db.Database.ExecuteSqlRawAsync("PRAGMA identity.wal_checkpoint(TRUNCATE)", cancellationToken);
        }
    }
}
