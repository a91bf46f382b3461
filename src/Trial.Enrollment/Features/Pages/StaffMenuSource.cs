using Trial.Followup.Access;
using Trial.Web.Layout;

namespace Trial.Enrollment.Features.Pages;

/// <summary>The staff menu by role: what each role may open, in one place.</summary>
internal sealed class StaffMenuSource : IStaffMenuSource
{
    public StaffMenu? For(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || StaffRole.Of(user) is not { } role)
        {
            return null;
        }
        var centres = user.FindAll(TrialClaimTypes.Centre).Select(c => c.Value).ToList();
        List<MenuLink> links = role switch
        {
            _ when role == StaffRole.Coordinator =>
            [
                new("/participants", "menu.participants"), new("/screen", "menu.screen"), new("/reconsents", "menu.reconsents"),
                .. centres.Take(3).Select(c => new MenuLink($"/followup/centres/{c}", "menu.followup")),
            ],
            _ when role == StaffRole.TrialManager =>
            [
                new("/participants", "menu.participants"), new("/screen", "menu.screen"), new("/reconsents", "menu.reconsents"), new("/manager", "menu.manager"),
                // Closing the trial and managing staff are for a manager of every centre: not offered to one who would be refused.
                .. ManagesWholeTrial(context) ? new MenuLink[] { new("/manager/trial", "menu.trial-lock"), new("/manager/users", "menu.users") } : [],
                new("/audit", "menu.audit"),
            ],
            _ when role == StaffRole.Statistician => [new("/statistician", "menu.statistician")],
            _ when role == StaffRole.Auditor => [new("/audit", "menu.audit")],
            _ => [],
        };
        return new StaffMenu(user.Identity.Name ?? "", role.TextKey, links);
    }

    private static bool ManagesWholeTrial(HttpContext context) =>
        Access.StaffUser.From(context.User).ManagesWholeTrial(context.RequestServices.GetRequiredService<Protocol.TrialProtocol>());

    /// <summary>Where a role starts after signing in.</summary>
    public static string Home(StaffRole? role) =>
        role == StaffRole.Statistician ? "/statistician" : role == StaffRole.Auditor ? "/audit" : "/participants";
}
