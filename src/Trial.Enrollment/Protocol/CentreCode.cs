namespace Trial.Enrollment.Protocol;

/// <summary>A centre code declared in protocol.yaml.</summary>
public readonly record struct CentreCode
{
    public string Value { get; }

    private CentreCode(string value) => Value = value;

    public static CentreCode Parse(string? value) => new(CodeFormat.Require(value, "centre"));

    internal static CentreCode Trusted(string value) => new(value);

    public override string ToString() => Value;
}
