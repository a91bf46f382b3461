using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Participants;

/// <summary>Follow-up's worklist names each person by research ID, read from the participants table when the page is shown.</summary>
internal sealed class ParticipantResearchIds(TrialDbContext db) : IResearchIds
{
    public async Task<IReadOnlyDictionary<Guid, string>> OfAsync(IReadOnlyCollection<Guid> participants, CancellationToken cancellationToken)
    {
        if (participants.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }
        var ids = participants.Distinct().ToList();
        return await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.ResearchId, cancellationToken);
    }
}
