using Microsoft.AspNetCore.Authentication.Cookies;

namespace Trial.Enrollment.Features.Pages;

/// <summary>Where staff pages are mapped: signed in with the page cookie (not a bearer token), left out of the OpenAPI document.</summary>
internal static class StaffPageGroup
{
    public static RouteGroupBuilder MapStaffPageGroup(this WebApplication app, string prefix = "") =>
        app.MapGroup(prefix).RequireAuthorization(p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()).ExcludeFromDescription();
}
