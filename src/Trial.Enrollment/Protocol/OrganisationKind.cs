namespace Trial.Enrollment.Protocol;

/// <summary>Which kind of body employs a user; NAV and the health trusts are joint controllers with different needs.</summary>
public enum OrganisationKind
{
    Nav,
    HealthTrust,
    Sponsor,
}
