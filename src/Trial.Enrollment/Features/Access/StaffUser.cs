using System.Security.Claims;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>The signed-in staff member as the claims describe them: one role, one organisation, some centres.</summary>
public sealed record StaffUser(string UserId, string Role, OrganisationCode Organisation, IReadOnlyList<CentreCode> Centres)
{
    public static StaffUser From(ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(TrialClaimTypes.UserId) ?? throw RejectedException.Forbidden(AccessRefusal.Role, "Sign in first.");
        return new StaffUser(
            id,
            principal.FindFirstValue(ClaimTypes.Role) ?? "",
            OrganisationCode.Parse(principal.FindFirstValue(TrialClaimTypes.Organisation)),
            principal.FindAll(TrialClaimTypes.Centre).Select(c => CentreCode.Parse(c.Value)).ToList());
    }

    public bool HasRole(params string[] roles) => roles.Contains(Role, StringComparer.Ordinal);

    public bool SeesCentre(CentreCode centre) => Centres.Contains(centre);

    /// <summary>A trial manager of every centre: the one who may close the trial and manage staff accounts.</summary>
    public bool ManagesWholeTrial(TrialProtocol protocol) =>
        HasRole(TrialRoles.TrialManager) && protocol.Centres.All(c => SeesCentre(c.Code));

    /// <summary>Direct identifiers are for the people who meet participants: coordinators and the trial manager.</summary>
    public bool SeesIdentities => HasRole(TrialRoles.Coordinator, TrialRoles.TrialManager);

    public void RequireRole(params string[] roles)
    {
        if (!HasRole(roles))
        {
            throw RejectedException.Forbidden(AccessRefusal.Role, $"The {Role} role may not do this; it needs {string.Join(" or ", roles)}.");
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
