using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Trial.Web.Localisation;

/// <summary>
/// The language a member of staff reads, chosen once: ?lang= sets the "lang" cookie, every later page reads it;
/// nb-NO when nothing was chosen.
/// </summary>
public static class StaffLanguage
{
    public const string Cookie = "lang";

    public static TextLanguage Of(HttpContext context)
    {
        if (TextLanguages.TryParse(context.Request.Query["lang"].ToString()) is { } chosen)
        {
            context.Response.Cookies.Append(Cookie, chosen.Tag(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return chosen;
        }
        return TextLanguages.TryParse(context.Request.Cookies[Cookie]) ?? TextLanguage.NbNo;
    }

    /// <summary>
    /// The link to the same page in the other language: the query of a page read with GET is kept (the audit log's
    /// filters, the list's search and page), only lang replaced, so switching language does not lose what was chosen.
    /// </summary>
    public static string SwitchHref(HttpContext? context, TextLanguage to)
    {
        var kept = context is { Request.Method: "GET" }
            ? QueryHelpers.ParseQuery(context.Request.QueryString.Value).Where(q => q.Key != "lang")
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            : [];
        return QueryString.Create(kept.Append(KeyValuePair.Create("lang", (string?)to.Tag()))).ToUriComponent();
    }
}
