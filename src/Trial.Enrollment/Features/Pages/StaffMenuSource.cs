using System.Security.Claims;
using Trial.Followup.Access;
using Trial.Web.Layout;

namespace Trial.Enrollment.Features.Pages;

/// <summary>The staff menu by role: what each role may open, in one place.</summary>
internal sealed class StaffMenuSource : IStaffMenuSource
{
    public StaffMenu? For(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return null;
        }
        var centres = user.FindAll(TrialClaimTypes.Centre).Select(c => c.Value).ToList();
        List<MenuLink> links = role switch
        {
            TrialRoles.Coordinator =>
            [
                new("/participants", "menu.participants"), new("/screen", "menu.screen"), new("/reconsents", "menu.reconsents"),
                .. centres.Take(3).Select(c => new MenuLink($"/followup/centres/{c}", "menu.followup")),
            ],
            TrialRoles.TrialManager =>
            [
                new("/participants", "menu.participants"), new("/screen", "menu.screen"), new("/reconsents", "menu.reconsents"), new("/manager", "menu.manager"),
                // Closing the trial and managing staff are for a manager of every centre: not offered to one who would be refused.
                .. ManagesWholeTrial(context) ? new MenuLink[] { new("/manager/trial", "menu.trial-lock"), new("/manager/users", "menu.users") } : [],
                new("/audit", "menu.audit"),
            ],
            TrialRoles.Statistician => [new("/statistician", "menu.statistician")],
            TrialRoles.Auditor => [new("/audit", "menu.audit")],
            _ => [],
        };
        return new StaffMenu(user.Identity.Name ?? "", "role." + role, links);
    }

    private static bool ManagesWholeTrial(HttpContext context) =>
        Access.StaffUser.From(context.User).ManagesWholeTrial(context.RequestServices.GetRequiredService<Protocol.TrialProtocol>());

    /// <summary>Where a role starts after signing in.</summary>
    public static string Home(string? role) => role switch
    {
        TrialRoles.Statistician => "/statistician",
        TrialRoles.Auditor => "/audit",
        _ => "/participants",
    };
}
