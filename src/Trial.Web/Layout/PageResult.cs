using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Trial.Web.Localisation;

namespace Trial.Web.Layout;

/// <summary>
/// Renders a page component on the server (static SSR, no circuit) in one language: the culture is set around the
/// rendering, so IStringLocalizer and date formats follow the language the endpoint chose.
/// </summary>
public sealed class PageResult<TPage>(TextLanguage language, IReadOnlyDictionary<string, object?> parameters, int status) : IResult
    where TPage : IComponent
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var culture = language.Culture();
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        httpContext.Response.Headers.CacheControl = "no-store";
        await new RazorComponentResult<TPage>(parameters) { StatusCode = status }.ExecuteAsync(httpContext);
    }
}

/// <summary>Shorthand for endpoints: <c>Page.Show&lt;ScreeningPage&gt;(language, new() { ["Model"] = model })</c>.</summary>
public static class Page
{
    public static IResult Show<TPage>(TextLanguage language, Dictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TPage : IComponent =>
        new PageResult<TPage>(language, parameters, status);
}
