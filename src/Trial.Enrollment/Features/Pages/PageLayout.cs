using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace Trial.Enrollment.Features.Pages;

/// <summary>The HTML frame of every coordinator page, and the helpers the pages share (encoding, language, form token).</summary>
internal static class PageLayout
{
    private const string Css =
        "body{font-family:sans-serif;max-width:60rem;margin:1rem auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}" +
        ".error{color:#a00}label{display:block;margin:.3rem 0}";

    public static string Language(HttpContext context)
    {
        var requested = context.Request.Query["lang"].ToString();
        if (requested is "en" or "nb-NO")
        {
            context.Response.Cookies.Append("lang", requested, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict });
            return requested;
        }
        return context.Request.Cookies["lang"] == "en" ? "en" : "nb-NO";
    }

    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Token(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static IResult Page(HttpContext context, string language, string title, string body)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var nav = signedIn
            ? $"<nav><a href=\"/participants\">{PageTexts.Get("participants", language)}</a> · <a href=\"/screen\">{PageTexts.Get("screen", language)}</a> · " +
              $"<form method=\"post\" action=\"/logout\" style=\"display:inline\">{Token(context)}<button>{PageTexts.Get("logout", language)}</button></form> · " +
              $"{E(context.User.Identity!.Name)}</nav>"
            : "";
        var html = $"""
            <!doctype html>
            <html lang="{(language == "en" ? "en" : "nb")}"><head><meta charset="utf-8"><title>{E(title)}</title>
            <style>{Css}</style>
            </head><body><header><strong>{PageTexts.Get("title", language)}</strong> · <a href="?lang=nb-NO">norsk</a> · <a href="?lang=en">English</a></header>
            {nav}<main><h1>{E(title)}</h1>{body}</main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }
}
