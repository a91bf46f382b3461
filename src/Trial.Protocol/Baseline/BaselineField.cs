using Trial.Protocol.Files;

namespace Trial.Protocol.Baseline;

/// <summary>One field of the baseline form: recorded at inclusion, exported as the covariates.csv column <see cref="Code"/>.</summary>
/// <param name="Required">Must be given when the form is recorded (otherwise "not known" is allowed and exported empty).</param>
public sealed record BaselineField(
    string Code,
    BaselineFieldType Type,
    LocalisedText Label,
    bool Required,
    IReadOnlyList<BaselineCode> Codes,
    int? Min,
    int? Max,
    IReadOnlyList<BaselineIndicator> Indicators)
{
    public bool Allows(string code) => Codes.Any(c => c.Code == code);
}
