using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Participants;

/// <summary>
/// Loads a participant for a state change, row-locked (FOR UPDATE) on PostgreSQL so concurrent changes to the same
/// person queue up; SQLite's write transactions are already exclusive. Checks the caller's centre, and that their organisation may know of the person, before anything else.
/// </summary>
internal static class ParticipantLocks
{
    public static async Task<ParticipantRecord> LockForChangeAsync(TrialDbContext db, OrganisationAccess access, ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        // A row tracked earlier in this context would be returned as it was, not as locked now.
        db.ChangeTracker.Clear();
        var participant = db.IsPostgres
            ? (await db.Participants.FromSql($"SELECT * FROM participants WHERE id = {id.Value} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault()
            : await db.Participants.SingleOrDefaultAsync(p => p.Id == id.Value, cancellationToken);
        if (participant is null)
        {
            throw RejectedException.NotFound("The participant");
        }
        user.RequireCentre(CentreCode.Parse(participant.Centre));
        access.RequireSeesPerson(user, participant);
        return participant;
    }
}
