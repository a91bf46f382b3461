using Trial.Protocol.Files;

namespace Trial.Enrollment.Protocol;

/// <summary>An organisation that employs staff; its name is shown in the reader's language (organisations[].name).</summary>
public sealed record OrganisationDefinition(OrganisationCode Code, OrganisationKind Kind, LocalisedText Name, IReadOnlyList<CentreCode> Centres);
