using Trial.Protocol.Files;

namespace Trial.Enrollment.Protocol;

/// <summary>
/// One class of protected fields in protocol.yaml <c>fieldAccess</c> (e.g. clinical, nav-case): its fields and the
/// kinds of organisation whose staff may see and record them.
/// </summary>
public sealed record FieldAccessClass(
    string Code,
    LocalisedText Label,
    IReadOnlyList<string> Fields,
    IReadOnlyList<OrganisationKind> See,
    IReadOnlyList<OrganisationKind> Record);
