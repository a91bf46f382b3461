using System.Globalization;
using Microsoft.Extensions.Localization;
using Trial.Web.Localisation;

namespace Trial.Followup.Coordinator;

/// <summary>
/// An outbox error code in words for the coordinator ("smtp-auth" → the relay refused the service's password), so the
/// page says what went wrong and who can fix it; a relay's reply code (smtp-451) is named with its number, and a code
/// without words is shown as it is.
/// </summary>
public static class DeliveryErrorWords
{
    public static string For(IStringLocalizer<PageText> texts, string? code)
    {
        if (code is null)
        {
            return "–";
        }
        var words = texts["fu.err." + code];
        if (!words.ResourceNotFound)
        {
            return words;
        }
        return code.StartsWith("smtp-", StringComparison.Ordinal) && int.TryParse(code.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var reply)
            ? string.Format(CultureInfo.CurrentCulture, texts[reply >= 500 ? "fu.err.smtp-5xx" : "fu.err.smtp-4xx"], reply)
            : code;
    }
}
