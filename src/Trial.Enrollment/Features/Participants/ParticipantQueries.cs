using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Participants;

/// <summary>Lists and shows participants, limited to the caller's centres; identities are joined only for roles that may see them.</summary>
internal sealed class ParticipantQueries(TrialDbContext db, IdentityStoreContext identities, TrialProtocol protocol)
{
    public async Task<IReadOnlyList<ParticipantView>> ListAsync(StaffUser user, string? centre, CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.Coordinator, TrialRoles.TrialManager, TrialRoles.Statistician);
        var centres = user.Centres.Select(c => c.Value).ToList();
        if (centre is not null)
        {
            var code = RequestFields.Centre(protocol, centre, "centre");
            user.RequireCentre(code);
            centres = [code.Value];
        }
        var participants = await db.Participants.AsNoTracking().Where(p => centres.Contains(p.Centre)).OrderBy(p => p.ResearchId)
            .ToListAsync(cancellationToken);
        return await ViewsAsync(participants, user, cancellationToken);
    }

    public async Task<ParticipantView> DetailAsync(ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(TrialRoles.Coordinator, TrialRoles.TrialManager, TrialRoles.Statistician);
        var participant = await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id.Value, cancellationToken)
                          ?? throw RejectedException.NotFound("The participant");
        user.RequireCentre(CentreCode.Parse(participant.Centre));
        return (await ViewsAsync([participant], user, cancellationToken)).Single();
    }

    private async Task<IReadOnlyList<ParticipantView>> ViewsAsync(List<ParticipantRecord> participants, StaffUser user, CancellationToken cancellationToken)
    {
        var ids = participants.Select(p => p.Id).ToList();
        var randomisations = await db.Randomisations.AsNoTracking().Where(r => ids.Contains(r.ParticipantId)).ToDictionaryAsync(r => r.ParticipantId, cancellationToken);
        var withdrawals = (await db.Withdrawals.AsNoTracking().Where(w => ids.Contains(w.ParticipantId)).ToListAsync(cancellationToken))
            .ToLookup(w => w.ParticipantId);
        var persons = user.SeesIdentities
            ? await identities.Persons.AsNoTracking().Where(p => ids.Contains(p.ParticipantId)).ToDictionaryAsync(p => p.ParticipantId, cancellationToken)
            : [];
        return participants.Select(p => View(p, randomisations.GetValueOrDefault(p.Id), withdrawals[p.Id], persons.GetValueOrDefault(p.Id))).ToList();
    }

    private static ParticipantView View(ParticipantRecord p, RandomisationRecord? r, IEnumerable<WithdrawalRecord> withdrawals, Identity.PersonRecord? person) =>
        new(p.Id, p.ResearchId, p.Centre, p.State.ToString(), p.Eligible, p.ExclusionReason, p.ScreenedOn.ToString("R", null),
            p.ConsentFormVersion, p.ConsentOn?.ToString("R", null), r?.Arm, r?.Period, r?.RandomisedOn.ToString("R", null), r?.Mistaken ?? false,
            p.DiedOn?.ToString("R", null), withdrawals.Select(w => WithdrawalEffects.Code(w.Scope)).ToList(), person?.Name, person?.NationalId);
}
