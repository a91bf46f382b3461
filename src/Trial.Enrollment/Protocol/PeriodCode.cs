namespace Trial.Enrollment.Protocol;

/// <summary>A allocation period code declared in protocol.yaml.</summary>
public readonly record struct PeriodCode
{
    public string Value { get; }

    private PeriodCode(string value) => Value = value;

    public static PeriodCode Parse(string? value) => new(CodeFormat.Require(value, "allocation period"));

    internal static PeriodCode Trusted(string value) => new(value);

    public override string ToString() => Value;
}
