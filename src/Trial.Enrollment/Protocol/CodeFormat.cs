using System.Text.RegularExpressions;

namespace Trial.Enrollment.Protocol;

/// <summary>The one rule every protocol code follows: lower-case letters, digits and hyphens, 1–40 characters.</summary>
internal static partial class CodeFormat
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static string Require(string? value, string kind) =>
        IsValid(value)
            ? value!
            : throw new FormatException($"'{value}' is not a valid {kind} code: use 1–40 lower-case letters, digits or hyphens.");
}
