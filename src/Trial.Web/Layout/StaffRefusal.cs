using Microsoft.AspNetCore.Http;
using Trial.Web.Localisation;

namespace Trial.Web.Layout;

/// <summary>Shows a <see cref="StaffMessagePage"/> with the right status code (404, 403, 409).</summary>
public static class StaffRefusal
{
    public static IResult Show(HttpContext http, TextLanguage language, string textKey, int status) =>
        Page.Show<StaffMessagePage>(language, new()
        {
            [nameof(StaffMessagePage.TextKey)] = textKey,
            [nameof(StaffMessagePage.Language)] = language,
            [nameof(StaffMessagePage.Menu)] = StaffMenus.Of(http),
        }, status);
}
