using System.Globalization;
using Trial.Web.Localisation;

namespace Trial.Web.Forms;

/// <summary>
/// Dates as people type and read them in the page's language (nb-NO dd.mm.åååå, English dd/mm/yyyy as in en-GB),
/// whatever locale the browser has: a browser's own date input follows the browser, not the language chosen on the
/// page. The verbs behind the pages take ISO dates (yyyy-mm-dd), which are also accepted as typed.
/// </summary>
public static class DateEntry
{
    /// <summary>How a date is written in the language (a .NET custom format).</summary>
    public static string Format(TextLanguage language) => language == TextLanguage.NbNo ? "dd.MM.yyyy" : "dd/MM/yyyy";

    /// <summary>
    /// The language's own form first, then the other language's (both put the day first, so neither can be misread as
    /// the other) and ISO: a link to the other language keeps the dates typed in this one (the audit log's filters).
    /// </summary>
    private static string[] Accepted(TextLanguage language) =>
        language == TextLanguage.NbNo ? ["d.M.yyyy", "d/M/yyyy", "yyyy-MM-dd"] : ["d/M/yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    /// <summary>The typed date as ISO; text that is no date is returned unchanged, so the verb refuses it naming the field.</summary>
    public static string? ToIso(string? typed, TextLanguage language) =>
        Read(typed, language) is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : typed;

    /// <summary>The typed date, or null when the text is no date in the language's format (nor ISO).</summary>
    public static DateOnly? Read(string? typed, TextLanguage language) =>
        DateOnly.TryParseExact(typed?.Trim(), Accepted(language), CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>
    /// A moment (already in the trial's time zone) as people read it: the date as above and the time on the 24-hour
    /// clock with seconds, which both nb-NO and en-GB use, e.g. 07.11.2014 10:00:00 and 07/11/2014 10:00:00.
    /// </summary>
    public static string ShowTime(DateTime local, TextLanguage language) =>
        local.ToString(Format(language) + " HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date as people read it in the page's language, e.g. 07.11.2014 and 07/11/2014.</summary>
    public static string ShowDate(DateOnly date, TextLanguage language) => date.ToString(Format(language), CultureInfo.InvariantCulture);

    /// <summary>A value for a date field or a page: an ISO date in the language's format, anything else as it was typed.</summary>
    public static string? Show(string? value, TextLanguage language) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? ShowDate(date, language)
            : value;
}
