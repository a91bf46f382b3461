using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.DatabaseLock;
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
        return RequireReach(participant, access, user);
    }

    /// <summary>
    /// The read <see cref="LockForChangeAsync"/> makes, for a verb that sends it in one round trip with its own statements
    /// (parameter <c>@id</c>); read the row with <see cref="MappedRows{T}"/> and check it with <see cref="RequireReach"/>.
    /// </summary>
    public static string LockStatement(TrialDbContext db) => "SELECT * FROM participants WHERE id = @id" + (db.IsPostgres ? " FOR UPDATE" : "");

    /// <summary>The person, if there is one and the caller may change them: their centre, and their organisation's reach.</summary>
    public static ParticipantRecord RequireReach(ParticipantRecord? participant, OrganisationAccess access, StaffUser user)
    {
        if (participant is null)
        {
            throw RejectedException.NotFound("The participant");
        }
        user.RequireCentre(CentreCode.Parse(participant.Centre));
        access.RequireSeesPerson(user, participant);
        return participant;
    }

    /// <summary>
    /// The opening that the participant verbs share, in the order whose refusals the tests pin: the person, locked and
    /// within the caller's reach; the trial's lock stage still open for <paramref name="change"/> (none for a change
    /// that a lock never stops); and <paramref name="verb"/> allowed from the person's state by the one transition table.
    /// </summary>
    public static async Task<(ParticipantRecord Participant, Transition Transition)> LockForVerbAsync(TrialDbContext db, OrganisationAccess access,
        ParticipantId id, StaffUser user, ParticipantVerb verb, LockedChange? change, CancellationToken cancellationToken)
    {
        var participant = await LockForChangeAsync(db, access, id, user, cancellationToken);
        if (change is { } stage)
        {
            await TrialLocks.RequireAsync(db, stage, cancellationToken);
        }
        return (participant, ParticipantTransitions.RequireTransition(participant, verb));
    }
}
