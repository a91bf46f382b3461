using Microsoft.Extensions.DependencyInjection;

namespace Trial.Web;

/// <summary>What a host adds so its endpoints can render pages: Razor components (static SSR) and the page texts.</summary>
public static class PageServices
{
    public static IServiceCollection AddTrialPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddLocalization();
        return services;
    }
}
