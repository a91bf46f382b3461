using System.Linq.Expressions;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Least privilege by organisation (seed 002, l.279–291): NAV and the health trust are separate data controllers.
/// Fields follow the protocol's <c>fieldAccess</c> for the kind of the user's own organisation (from their account,
/// never from a request). Before consent nothing about a person passes from the health trust to NAV, so a NAV user
/// sees a person who has not consented only when a NAV organisation screened them.
/// </summary>
internal sealed class OrganisationAccess(TrialProtocol protocol)
{
    private readonly List<string> _navOrganisations = protocol.Organisations.Where(o => o.Kind == OrganisationKind.Nav).Select(o => o.Code.Value).ToList();

    /// <summary>The kind of the user's organisation; null when the protocol no longer declares it (sees no protected field).</summary>
    public OrganisationKind? KindOf(StaffUser user) => protocol.FindOrganisation(user.Organisation)?.Kind;

    public bool MaySee(StaffUser user, string field) => protocol.FieldAccess.MaySee(KindOf(user), field);

    public bool MayRecord(StaffUser user, string field) => protocol.FieldAccess.MayRecord(KindOf(user), field);

    /// <summary>Refuses (403 naming <paramref name="requestField"/> and rule organisation-may-record) a field the user's organisation may not record.</summary>
    public void RequireRecord(StaffUser user, string field, string requestField)
    {
        var kind = KindOf(user);
        if (!protocol.FieldAccess.MayRecord(kind, field))
        {
            var rule = protocol.FieldAccess.ClassOf(field)!;
            throw RejectedException.ForbiddenField(AccessRefusal.Organisation, requestField, "organisation-may-record",
                $"Staff of {user.Organisation} ({(kind is { } k ? OrganisationKinds.Code(k) : "unknown kind")}) may not record '{field}' " +
                $"({rule.Label.English}); the protocol's fieldAccess gives it to {string.Join(", ", rule.Record.Select(OrganisationKinds.Code))}.");
        }
    }

    /// <summary>Whether the user may know this person exists (list, search, detail, every verb).</summary>
    public bool SeesPerson(StaffUser user, ParticipantRecord participant) =>
        KindOf(user) is OrganisationKind.HealthTrust or OrganisationKind.Sponsor
        || (participant.ConsentOn != null && participant.State != ParticipantState.DeclinedConsent)
        || (participant.Organisation != null && _navOrganisations.Contains(participant.Organisation));

    /// <summary>The same rule as <see cref="SeesPerson"/>, as a database query's filter.</summary>
    public Expression<Func<ParticipantRecord, bool>> Visible(StaffUser user)
    {
        if (KindOf(user) is OrganisationKind.HealthTrust or OrganisationKind.Sponsor)
        {
            return _ => true;
        }
        var nav = _navOrganisations;
        return p => (p.ConsentOn != null && p.State != ParticipantState.DeclinedConsent) || (p.Organisation != null && nav.Contains(p.Organisation));
    }

    /// <summary>404 for a person the user may not know of, as if there were none (existence is itself health information).</summary>
    public void RequireSeesPerson(StaffUser user, ParticipantRecord participant)
    {
        if (!SeesPerson(user, participant))
        {
            throw RejectedException.NotFound("The participant");
        }
    }
}
