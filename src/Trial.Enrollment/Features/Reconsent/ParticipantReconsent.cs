using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Reconsent;

/// <summary>
/// Lists the participants who must consent again on the form now in force, and records a re-consent on the service's
/// own date (never a typed one). The participant's form version becomes the new one; the first consent date stays.
/// </summary>
internal sealed class ParticipantReconsent(TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit, OrganisationAccess access)
{
    public async Task RecordAsync(ParticipantId id, ReconsentRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var version = RequestFields.Text(request.FormVersion, "formVersion", 20);
        var today = calendar.Today;
        var inForce = protocol.ConsentFormOn(today);
        if (inForce is null || version != inForce.Version)
        {
            throw RejectedException.Invalid("formVersion", "form-in-force",
                $"Re-consent is given on the consent form in force today ({inForce?.Version ?? "none"}), not on '{version}'.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (participant, _) = await ParticipantLocks.LockForVerbAsync(db, access, id, user, ParticipantVerb.Reconsent, LockedChange.DataEntry, cancellationToken);
        var withdrawals = await db.Withdrawals.Where(w => w.ParticipantId == id.Value).Select(w => w.Scope).ToListAsync(cancellationToken);
        if (withdrawals.Any(ReconsentDue.Excludes))
        {
            throw RejectedException.Conflict("withdrawn-from-contact", "The participant has withdrawn from contact or from the use of their data; they are not asked to consent again.");
        }
        if (!ReconsentDue.IsDue(protocol, inForce, participant.State, participant.DiedOn is not null, participant.ConsentFormVersion, withdrawals))
        {
            // Also what a second submit of the same re-consent gets: it was recorded once.
            throw RejectedException.Conflict("consent-form-current", $"The participant's consent is already on form {participant.ConsentFormVersion}, the form in force.");
        }
        var previous = participant.ConsentFormVersion;
        participant.ConsentFormVersion = inForce.Version;
        participant.ReconsentedOn = today;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "consent.reconsented", id.ToString(),
            new { previousFormVersion = previous, formVersion = inForce.Version, reconsentedOn = today.ToString("R", null) }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The participants at the caller's centres (and visible to their organisation) who must consent again.</summary>
    public async Task<IReadOnlyList<ReconsentView>> DueAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var inForce = protocol.ConsentFormOn(calendar.Today);
        if (inForce is null)
        {
            return [];
        }
        var centres = user.Centres.Select(c => c.Value).ToList();
        var candidates = await db.Participants.AsNoTracking()
            .Where(p => centres.Contains(p.Centre) && p.DiedOn == null && p.ConsentFormVersion != null && p.ConsentFormVersion != inForce.Version
                        && (p.State == ParticipantState.Consented || p.State == ParticipantState.Randomised))
            .OrderBy(p => p.ResearchId).ToListAsync(cancellationToken);
        var ids = candidates.Select(p => p.Id).ToList();
        var withdrawals = (await db.Withdrawals.AsNoTracking().Where(w => ids.Contains(w.ParticipantId)).ToListAsync(cancellationToken))
            .ToLookup(w => w.ParticipantId, w => w.Scope);
        return candidates
            .Where(p => access.SeesPerson(user, p) && ReconsentDue.IsDue(protocol, inForce, p.State, false, p.ConsentFormVersion, withdrawals[p.Id]))
            .Select(p => new ReconsentView(p.Id, p.ResearchId, p.Centre, p.ConsentFormVersion, inForce.Version)).ToList();
    }
}
