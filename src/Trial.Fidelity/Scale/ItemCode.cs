namespace Trial.Fidelity.Scale;

/// <summary>An item's code on its scale, e.g. <c>ST1</c>, <c>OR6</c>, <c>SV14</c>.</summary>
public readonly record struct ItemCode
{
    private ItemCode(string value) => Value = value;

    public string Value { get; }

    public static ItemCode Parse(string text) =>
        TryParse(text, out var code) ? code : throw new FormatException($"'{text}' is not an item code (letters and digits, at most 8).");

    public static bool TryParse(string? text, out ItemCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 8 || !text.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }
        code = new ItemCode(text.ToUpperInvariant());
        return true;
    }

    public override string ToString() => Value;
}
