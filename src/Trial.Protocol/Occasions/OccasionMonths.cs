using System.Text.RegularExpressions;

namespace Trial.Protocol.Occasions;

/// <summary>
/// The months after randomisation an occasion code stands for. followup.yaml names occasions "m6"/"m12"; the data
/// package (protocol/data-package.md) writes them "6m"/"12m". Both spellings are read here, in one place.
/// </summary>
public static partial class OccasionMonths
{
    [GeneratedRegex("^(?:m(?<n>[0-9]{1,3})|(?<n>[0-9]{1,3})m)$")]
    private static partial Regex Pattern();

    /// <summary>The baseline occasion (at inclusion) in the package spelling.</summary>
    public const string BaselineCode = "0m";

    public static int? Parse(string code) =>
        Pattern().Match(code) is { Success: true } m ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The data package's spelling: "m6" → "6m". Codes without a month count are kept as they are.</summary>
    public static string PackageCode(string code) => Parse(code) is { } months ? $"{months}m" : code;
}
