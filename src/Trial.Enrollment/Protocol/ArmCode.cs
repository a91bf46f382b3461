namespace Trial.Enrollment.Protocol;

/// <summary>A arm code declared in protocol.yaml.</summary>
public readonly record struct ArmCode
{
    public string Value { get; }

    private ArmCode(string value) => Value = value;

    public static ArmCode Parse(string? value) => new(CodeFormat.Require(value, "arm"));

    internal static ArmCode Trusted(string value) => new(value);

    public override string ToString() => Value;
}
