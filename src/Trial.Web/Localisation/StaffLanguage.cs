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
    /// A page that answers a form's POST is linked at <paramref name="getAddress"/>, the address that shows it with GET
    /// (with the query values it may keep): the POST's own address may have no page (POST /participants/{id}/consent is
    /// shown at /participants/{id}), and a relative "?lang=" would send the reader to a 404 or 405. Without one, the
    /// link goes home, which always exists.
    /// </summary>
    public static string SwitchHref(HttpContext? context, TextLanguage to, string? getAddress = null)
    {
        if (context is { Request.Method: "GET" } || (context is null && getAddress is null))
        {
            return WithLanguage(context?.Request.QueryString.Value, to);
        }
        var address = getAddress ?? Home;
        var query = address.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? address + WithLanguage(null, to) : address[..query] + WithLanguage(address[query..], to);
    }

    /// <summary>Where a page with no address of its own sends the language choice: the start, which goes on to the user's home page.</summary>
    public const string Home = "/";

    private static string WithLanguage(string? query, TextLanguage to)
    {
        var kept = QueryHelpers.ParseQuery(query).Where(q => q.Key != "lang")
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
        return QueryString.Create(kept.Append(KeyValuePair.Create("lang", (string?)to.Tag()))).ToUriComponent();
    }
}
