using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Overview;

/// <summary>One randomisation as the recruitment chart counts it: where, when, in which allocation period, to which arm.</summary>
public sealed record Recruited(string Centre, LocalDate On, string Period, string Arm);

/// <summary>Randomisations at the trial manager's centres, oldest first (mistaken ones included: they were allocated).</summary>
internal sealed class RecruitmentQuery(TrialDbContext db)
{
    public async Task<IReadOnlyList<Recruited>> ListAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        var centres = user.Centres.Select(c => c.Value).ToList();
        var rows = await (from r in db.Randomisations.AsNoTracking()
                          join p in db.Participants.AsNoTracking() on r.ParticipantId equals p.Id
                          where centres.Contains(p.Centre)
                          select new { p.Centre, r.RandomisedOn, r.Period, r.Arm }).ToListAsync(cancellationToken);
        return rows.Select(r => new Recruited(r.Centre, r.RandomisedOn, r.Period, r.Arm)).OrderBy(r => r.On).ToList();
    }
}
