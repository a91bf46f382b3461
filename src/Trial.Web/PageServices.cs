using Microsoft.Extensions.DependencyInjection;

namespace Trial.Web;

/// <summary>What a host adds so its endpoints can render pages: Razor components (static SSR) and the page texts.</summary>
public static class PageServices
{
    public static IServiceCollection AddTrialPages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Letters such as æ, ø and å are written as they are, not as character references; markup is still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        return services;
    }
}
