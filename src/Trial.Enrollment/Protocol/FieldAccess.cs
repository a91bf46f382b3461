namespace Trial.Enrollment.Protocol;

/// <summary>
/// Which kinds of organisation may see and record which fields (protocol.yaml <c>fieldAccess</c>), versioned with the
/// protocol. A field that no class lists is open to every kind. Field names: <c>screening.severity</c>,
/// <c>screening.education</c>, <c>baseline.&lt;code&gt;</c>, <c>followup.&lt;instrument&gt;</c>.
/// </summary>
public sealed record FieldAccess(IReadOnlyList<FieldAccessClass> Classes)
{
    public static readonly FieldAccess Open = new([]);

    public FieldAccessClass? ClassOf(string field) => Classes.FirstOrDefault(c => c.Fields.Contains(field, StringComparer.Ordinal));

    /// <summary>An unknown organisation (kind null) sees and records no protected field.</summary>
    public bool MaySee(OrganisationKind? kind, string field) => ClassOf(field) is not { } c || (kind is { } k && c.See.Contains(k));

    public bool MayRecord(OrganisationKind? kind, string field) => ClassOf(field) is not { } c || (kind is { } k && c.Record.Contains(k));
}
