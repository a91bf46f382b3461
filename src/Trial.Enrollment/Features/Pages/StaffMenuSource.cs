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
                new("/manager/trial", "menu.trial-lock"), new("/manager/users", "menu.users"), new("/audit", "menu.audit"),
            ],
            TrialRoles.Statistician => [new("/statistician", "menu.statistician")],
            TrialRoles.Auditor => [new("/audit", "menu.audit")],
            _ => [],
        };
        return new StaffMenu(user.Identity.Name ?? "", "role." + role, links);
    }

    /// <summary>Where a role starts after signing in.</summary>
    public static string Home(string? role) => role switch
    {
        TrialRoles.Statistician => "/statistician",
        TrialRoles.Auditor => "/audit",
        _ => "/participants",
    };
}
