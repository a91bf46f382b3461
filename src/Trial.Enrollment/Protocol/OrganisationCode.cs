namespace Trial.Enrollment.Protocol;

/// <summary>A organisation code declared in protocol.yaml.</summary>
public readonly record struct OrganisationCode
{
    public string Value { get; }

    private OrganisationCode(string value) => Value = value;

    public static OrganisationCode Parse(string? value) => new(CodeFormat.Require(value, "organisation"));

    internal static OrganisationCode Trusted(string value) => new(value);

    public override string ToString() => Value;
}
