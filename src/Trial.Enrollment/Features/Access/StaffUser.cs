using System.Security.Claims;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>The signed-in staff member as the claims describe them: one role, one organisation, some centres.</summary>
/// <param name="Role">Null when the principal has no role, or none the trial knows: every role check then refuses.</param>
public sealed record StaffUser(string UserId, StaffRole? Role, OrganisationCode Organisation, IReadOnlyList<CentreCode> Centres)
{
    public static StaffUser From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(TrialClaimTypes.UserId) ?? throw RejectedException.Forbidden(AccessRefusal.Role, "Sign in first.");
        return new StaffUser(
            id,
            StaffRole.Of(principal),
            OrganisationCode.Parse(principal.FindFirstValue(TrialClaimTypes.Organisation)),
            principal.FindAll(TrialClaimTypes.Centre).Select(c => CentreCode.Parse(c.Value)).ToList());
    }

    public bool HasRole(params StaffRole[] roles) => Role is { } role && roles.Contains(role);

    public bool SeesCentre(CentreCode centre) => Centres.Contains(centre);

    /// <summary>A trial manager of every centre: the one who may close the trial and manage staff accounts.</summary>
    public bool ManagesWholeTrial(TrialProtocol protocol) =>
        HasRole(StaffRole.TrialManager) && protocol.Centres.All(c => SeesCentre(c.Code));

    /// <summary>Direct identifiers are for the people who meet participants: coordinators and the trial manager.</summary>
    public bool SeesIdentities => HasRole(StaffRole.Coordinator, StaffRole.TrialManager);

    public void RequireRole(params StaffRole[] roles)
    {
        if (!HasRole(roles))
        {
            throw RejectedException.Forbidden(AccessRefusal.Role, $"The {Role} role may not do this; it needs {string.Join(" or ", roles.Select(r => r.Code))}.");
        }
    }

    public void RequireCentre(CentreCode centre)
    {
        if (!SeesCentre(centre))
        {
            throw RejectedException.Forbidden(AccessRefusal.Centre, $"You are not scoped to centre '{centre}'.");
        }
    }
}
