namespace Trial.Enrollment.Protocol;

/// <summary>The protocol's codes for <see cref="OrganisationKind"/> (organisations[].kind, fieldAccess[].see and record).</summary>
public static class OrganisationKinds
{
    public static readonly IReadOnlyDictionary<string, OrganisationKind> ByCode = new Dictionary<string, OrganisationKind>(StringComparer.Ordinal)
    {
        ["nav"] = OrganisationKind.Nav,
        ["health-trust"] = OrganisationKind.HealthTrust,
        ["sponsor"] = OrganisationKind.Sponsor,
    };

    public static string Code(OrganisationKind kind) => ByCode.Single(k => k.Value == kind).Key;
}
