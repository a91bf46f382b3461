using System.Globalization;
using System.Resources;

namespace Trial.Web.Localisation;

/// <summary>
/// The page texts read without a request, e.g. the English sentence an API answer or the command line gives for
/// something a page writes in the reader's language. The same resources that IStringLocalizer&lt;PageText&gt; reads, so
/// the words are written once.
/// </summary>
public static class PageTextResources
{
    private static readonly ResourceManager Resources = new(typeof(PageText).FullName!, typeof(PageText).Assembly);

    /// <summary>The key's text in the language with the values put in; a missing key throws (a test catches it first).</summary>
    public static string Format(TextLanguage language, string key, params object[] values)
    {
        var culture = language.Culture();
        var text = Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"No page text '{key}'.");
        return string.Format(culture, text, values);
    }
}
