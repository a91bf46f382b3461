using Microsoft.AspNetCore.Http;

namespace Trial.Web.Layout;

/// <summary>
/// Builds the staff menu for the signed-in user. The host (Enrollment) knows the roles and implements it, so a page
/// in any project shows the same menu.
/// </summary>
public interface IStaffMenuSource
{
    StaffMenu? For(HttpContext context);
}
