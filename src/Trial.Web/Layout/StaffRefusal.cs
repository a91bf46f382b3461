using Microsoft.AspNetCore.Http;
using Trial.Web.Localisation;

namespace Trial.Web.Layout;

/// <summary>Shows a <see cref="StaffMessagePage"/> with the right status code (404, 403, 409).</summary>
public static class StaffRefusal
{
    /// <param name="participant">The page of the participant it is about, linked from the message; only when the user may open it.</param>
    public static IResult Show(HttpContext http, TextLanguage language, string textKey, int status, string? participant = null) =>
        Page.Show<StaffMessagePage>(language, new()
        {
            [nameof(StaffMessagePage.TextKey)] = textKey,
            [nameof(StaffMessagePage.Language)] = language,
            [nameof(StaffMessagePage.Menu)] = StaffMenus.Of(http),
            [nameof(StaffMessagePage.Participant)] = participant,
        }, status);
}
