using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;
using Trial.Web.Layout;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// How every staff page runs: in the page's language, and a refusal that is not about a form field becomes a message
/// page with the right status. A 403 says why from the refusal's type (<see cref="AccessRefusal"/>), never from the
/// wording of its message.
/// </summary>
internal static class StaffPageGuard
{
    public static async Task<IResult> Guarded(HttpContext c, Func<TextLanguage, Task<IResult>> page)
    {
        var language = StaffLanguage.Of(c);
        try
        {
            return await page(language);
        }
        catch (RejectedException e) when (e.Kind != RejectionKind.Invalid)
        {
            return e.Kind switch
            {
                RejectionKind.NotFound => StaffRefusal.Show(c, language, "refusal.not-found", StatusCodes.Status404NotFound),
                RejectionKind.Forbidden => StaffRefusal.Show(c, language, TextKey(e.Refusal), StatusCodes.Status403Forbidden),
                _ => StaffRefusal.Show(c, language, "refusal.conflict", StatusCodes.Status409Conflict),
            };
        }
    }

    /// <summary>A page only some roles may open; anyone else gets the not-your-role page.</summary>
    public static Task<IResult> Guarded(HttpContext c, StaffRole[] roles, Func<StaffUser, TextLanguage, Task<IResult>> page) => Guarded(c, language =>
    {
        var user = StaffUser.From(c.User);
        user.RequireRole(roles);
        return page(user, language);
    });

    /// <summary>The message page's texts for a refusal (every 403 carries one; a missing one reads as the role's).</summary>
    public static string TextKey(AccessRefusal? refusal) => refusal switch
    {
        AccessRefusal.Centre => "refusal.not-your-centre",
        AccessRefusal.Organisation => "refusal.not-your-organisation",
        AccessRefusal.WholeTrial => "refusal.not-whole-trial",
        _ => "refusal.not-your-role",
    };
}
