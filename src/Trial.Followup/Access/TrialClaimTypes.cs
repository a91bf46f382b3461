namespace Trial.Followup.Access;

/// <summary>
/// Claim names that Enrollment puts on every signed-in principal, so Follow-up's pages can scope by centre and role
/// without knowing Enrollment's user store. A principal has one claim per centre it may see.
/// </summary>
public static class TrialClaimTypes
{
    public const string Centre = "trial:centre";
    public const string Organisation = "trial:organisation";
    public const string UserId = "trial:user";
}

/// <summary>
/// The role claim's strings as constants, for attributes and other places that need a constant; everywhere else a role
/// is a <see cref="StaffRole"/>.
/// </summary>
public static class TrialRoles
{
    public const string Coordinator = "coordinator";
    public const string TrialManager = "trial-manager";
    public const string Statistician = "statistician";
    public const string Auditor = "auditor";
}
