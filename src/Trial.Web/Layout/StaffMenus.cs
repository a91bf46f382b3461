using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Trial.Web.Layout;

public static class StaffMenus
{
    /// <summary>The signed-in user's menu, or none when no host registered a menu source (Follow-up run alone).</summary>
    public static StaffMenu? Of(HttpContext context) => context.RequestServices.GetService<IStaffMenuSource>()?.For(context);
}
