using Microsoft.AspNetCore.Http;

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
}
