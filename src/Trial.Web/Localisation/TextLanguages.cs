namespace Trial.Web.Localisation;

/// <summary>Converts between <see cref="TextLanguage"/> and the BCP 47 tags used in the protocol and on links.</summary>
public static class TextLanguages
{
    public const string NbNoTag = "nb-NO";
    public const string EnTag = "en";

    public static TextLanguage Parse(string tag) =>
        TryParse(tag) ?? throw new ArgumentException($"Language '{tag}' is not supported; use '{NbNoTag}' or '{EnTag}'.", nameof(tag));

    public static TextLanguage? TryParse(string? tag) => tag switch
    {
        _ when string.Equals(tag, NbNoTag, StringComparison.OrdinalIgnoreCase) || string.Equals(tag, "nb", StringComparison.OrdinalIgnoreCase) || string.Equals(tag, "no", StringComparison.OrdinalIgnoreCase) => TextLanguage.NbNo,
        _ when string.Equals(tag, EnTag, StringComparison.OrdinalIgnoreCase) || (tag?.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ?? false) => TextLanguage.En,
        _ => null,
    };

    public static string Tag(this TextLanguage language) => language == TextLanguage.NbNo ? NbNoTag : EnTag;

    /// <summary>
    /// The culture pages format dates and numbers in, and the resource culture of their texts. English is en-GB, so a
    /// date reads day/month/year (as DateEntry takes it) and never the American month first; its texts are the "en" ones.
    /// </summary>
    public static System.Globalization.CultureInfo Culture(this TextLanguage language) =>
        System.Globalization.CultureInfo.GetCultureInfo(language == TextLanguage.NbNo ? NbNoTag : "en-GB");

    /// <summary>The HTML lang attribute ("nb" or "en").</summary>
    public static string HtmlLang(this TextLanguage language) => language == TextLanguage.NbNo ? "nb" : "en";

    public static TextLanguage Other(this TextLanguage language) => language == TextLanguage.NbNo ? TextLanguage.En : TextLanguage.NbNo;
}
