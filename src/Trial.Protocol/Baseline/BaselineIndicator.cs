using Trial.Protocol.Files;

namespace Trial.Protocol.Baseline;

/// <summary>
/// A true/false column derived from a coded field, declared in the protocol so the analysis plan can name it
/// (e.g. <c>single_divorced</c> = civil status unmarried, widowed or divorced, as in seed 001 Table 19).
/// Empty when the field is empty.
/// </summary>
public sealed record BaselineIndicator(string Column, IReadOnlyList<string> Codes, LocalisedText Label)
{
    public bool? Of(string? code) => code is null ? null : Codes.Contains(code, StringComparer.Ordinal);
}
