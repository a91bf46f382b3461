using System.Security.Claims;

namespace Trial.Followup.Access;

/// <summary>
/// A member of staff's role: one of the four known roles, never a free string. Read from the role claim (or typed on a
/// form or the command line) through <see cref="Find"/> and <see cref="Of"/>, and turned back into the claim's string
/// only by <see cref="Code"/> and <see cref="ToClaim"/>; <see cref="TrialRoles"/> keeps the same strings as constants
/// for the places that need constants. A class with four instances, not an enum or a struct, so there is no default role.
/// </summary>
public sealed class StaffRole
{
    public static readonly StaffRole Coordinator = new(TrialRoles.Coordinator);
    public static readonly StaffRole TrialManager = new(TrialRoles.TrialManager);
    public static readonly StaffRole Statistician = new(TrialRoles.Statistician);
    public static readonly StaffRole Auditor = new(TrialRoles.Auditor);

    public static IReadOnlyList<StaffRole> All { get; } = [Coordinator, TrialManager, Statistician, Auditor];

    private StaffRole(string code) => Code = code;

    /// <summary>The role as the role claim, the staff table and the API carry it, e.g. trial-manager.</summary>
    public string Code { get; }

    /// <summary>The page text that names the role.</summary>
    public string TextKey => "role." + Code;

    /// <summary>The known role with this code (exactly as written), or null.</summary>
    public static StaffRole? Find(string? code) => All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    /// <summary>The signed-in user's role, or null when there is none or it is no known role (then every role check refuses).</summary>
    public static StaffRole? Of(ClaimsPrincipal principal) => Find(principal.FindFirstValue(ClaimTypes.Role));

    public Claim ToClaim() => new(ClaimTypes.Role, Code);

    public override string ToString() => Code;
}
