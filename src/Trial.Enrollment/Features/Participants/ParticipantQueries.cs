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
internal sealed class ParticipantQueries(TrialDbContext db, IdentityStoreContext identities, TrialProtocol protocol, Identity.PersonVault vault,
    OrganisationAccess access)
{
    /// <summary>One page of the caller's participants that match the search. Bad paging or state values are refused.</summary>
    public async Task<ParticipantListResult> SearchAsync(StaffUser user, ParticipantSearch search, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager, StaffRole.Statistician);
        if (search.Page < 1)
        {
            throw RejectedException.Invalid("page", "range", "page starts at 1.");
        }
        if (search.PageSize is < 1 or > ParticipantSearch.MaxPageSize)
        {
            throw RejectedException.Invalid("pageSize", "range", $"pageSize is between 1 and {ParticipantSearch.MaxPageSize}.");
        }
        var centres = user.Centres.Select(c => c.Value).ToList();
        if (!string.IsNullOrEmpty(search.Centre))
        {
            var code = RequestFields.Centre(protocol, search.Centre, "centre");
            user.RequireCentre(code);
            centres = [code.Value];
        }
        var query = db.Participants.AsNoTracking().Where(p => centres.Contains(p.Centre)).Where(access.Visible(user));
        if (!string.IsNullOrEmpty(search.State))
        {
            var state = Enum.GetValues<ParticipantState>().Cast<ParticipantState?>().FirstOrDefault(s => ParticipantStates.Code(s!.Value) == search.State)
                        ?? throw RejectedException.Invalid("state", "known-value",
                            $"'{search.State}' is not one of {string.Join(", ", Enum.GetValues<ParticipantState>().Select(ParticipantStates.Code))}.");
            query = query.Where(p => p.State == state);
        }
        var text = search.Query?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            if (text.Length > 100)
            {
                throw RejectedException.Invalid("q", "max-length", "At most 100 characters.");
            }
            var upper = text.ToUpperInvariant();
            List<Guid> byIdentity = [];
            if (user.SeesIdentities)
            {
                var digits = string.Concat(text.Where(char.IsAsciiDigit));
                var lower = text.ToLowerInvariant();
                var hash = vault.Hash(digits);
                // Names are sealed, so a name search opens the persons of the visible participants (a trial's few
                // thousand at most); a fødselsnummer is found by its keyed hash without opening anything.
                byIdentity = digits.Length == 11 && digits.Length == text.Replace(" ", "", StringComparison.Ordinal).Length
                    ? await identities.Persons.AsNoTracking().Where(p => p.NationalIdHash == hash).Select(p => p.ParticipantId).ToListAsync(cancellationToken)
                    : (await OpenAsync(await query.Select(p => p.Id).ToListAsync(cancellationToken), cancellationToken)).Values
                        .Where(p => p.Name.ToLowerInvariant().Contains(lower, StringComparison.Ordinal)).Select(p => p.ParticipantId).Take(1000).ToList();
            }
            query = query.Where(p => p.ResearchId.ToUpper().Contains(upper) || byIdentity.Contains(p.Id));
        }
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(p => p.ResearchId).Skip((search.Page - 1) * search.PageSize).Take(search.PageSize).ToListAsync(cancellationToken);
        return new ParticipantListResult(await ViewsAsync(rows, user, cancellationToken), total, search.Page, search.PageSize);
    }

    public async Task<ParticipantView> DetailAsync(ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager, StaffRole.Statistician);
        var participant = await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id.Value, cancellationToken)
                          ?? throw RejectedException.NotFound("The participant");
        user.RequireCentre(CentreCode.Parse(participant.Centre));
        access.RequireSeesPerson(user, participant);
        return (await ViewsAsync([participant], user, cancellationToken)).Single();
    }

    private async Task<IReadOnlyList<ParticipantView>> ViewsAsync(List<ParticipantRecord> participants, StaffUser user, CancellationToken cancellationToken)
    {
        var ids = participants.Select(p => p.Id).ToList();
        var randomisations = await db.Randomisations.AsNoTracking().Where(r => ids.Contains(r.ParticipantId)).ToDictionaryAsync(r => r.ParticipantId, cancellationToken);
        var withdrawals = (await db.Withdrawals.AsNoTracking().Where(w => ids.Contains(w.ParticipantId)).ToListAsync(cancellationToken))
            .ToLookup(w => w.ParticipantId);
        var persons = user.SeesIdentities ? await OpenAsync(ids, cancellationToken) : [];
        // The field rules of the protocol: e.g. a NAV user is not shown the clinical severity.
        var seesSeverity = access.MaySee(user, "screening.severity");
        var seesEducation = access.MaySee(user, "screening.education");
        return participants.Select(p => View(p, randomisations.GetValueOrDefault(p.Id), withdrawals[p.Id], persons.GetValueOrDefault(p.Id)) with
        {
            Severity = seesSeverity ? p.Severity : null,
            Education = seesEducation ? p.Education : null,
        }).ToList();
    }

    /// <summary>The opened identifiers of these participants; erased persons are left out.</summary>
    private async Task<Dictionary<Guid, Identity.PersonIdentity>> OpenAsync(List<Guid> ids, CancellationToken cancellationToken)
    {
        var persons = await identities.Persons.AsNoTracking().Where(p => ids.Contains(p.ParticipantId)).ToListAsync(cancellationToken);
        var keys = await identities.PersonKeys.AsNoTracking().Where(k => ids.Contains(k.ParticipantId)).ToDictionaryAsync(k => k.ParticipantId, cancellationToken);
        return persons.Select(p => vault.Open(p, keys.GetValueOrDefault(p.ParticipantId))).OfType<Identity.PersonIdentity>().ToDictionary(p => p.ParticipantId);
    }

    private static ParticipantView View(ParticipantRecord p, RandomisationRecord? r, IEnumerable<WithdrawalRecord> withdrawals, Identity.PersonIdentity? person) =>
        new(p.Id, p.ResearchId, p.Centre, p.State.ToString(), p.Eligible, p.ExclusionReason, p.ScreenedOn.ToString("R", null),
            p.ConsentFormVersion, p.ConsentOn?.ToString("R", null), r?.Arm, r?.Period, r?.RandomisedOn.ToString("R", null), r?.Mistaken ?? false,
            p.DiedOn?.ToString("R", null), withdrawals.Select(w => WithdrawalEffects.Code(w.Scope)).ToList(), person?.Name, person?.NationalId)
        {
            ScreeningCorrectedOn = p.ScreeningCorrectedOn?.ToString("R", null),
            ReconsentedOn = p.ReconsentedOn?.ToString("R", null),
            ScreeningAnswers = ScreeningCorrection.ScreeningValues.StoredAnswers(p.Screening),
        };
}
