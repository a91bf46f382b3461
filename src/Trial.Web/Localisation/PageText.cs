namespace Trial.Web.Localisation;

/// <summary>
/// The page texts: PageText.resx (nb-NO, the neutral language) and PageText.en.resx (English), read through
/// IStringLocalizer&lt;PageText&gt;. Trial.Web.Tests fails when a key used by a page is missing in either file.
/// </summary>
public sealed class PageText;
