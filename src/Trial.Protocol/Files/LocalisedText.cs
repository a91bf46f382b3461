namespace Trial.Protocol.Files;

/// <summary>A text a person reads, in Norwegian bokmål and English (both are required in protocol files).</summary>
public sealed record LocalisedText(string NorwegianBokmal, string English)
{
    public const string NorwegianTag = "nb-NO";
    public const string EnglishTag = "en";

    /// <summary>The text for a BCP 47 tag; anything not English reads Norwegian, the trial's first language.</summary>
    public string For(string languageTag) =>
        languageTag.StartsWith(EnglishTag, StringComparison.OrdinalIgnoreCase) ? English : NorwegianBokmal;
}
