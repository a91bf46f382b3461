namespace Trial.Enrollment.Protocol;

public sealed record OrganisationDefinition(OrganisationCode Code, OrganisationKind Kind, string Name, IReadOnlyList<CentreCode> Centres);
