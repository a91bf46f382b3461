using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Trial.Enrollment.Tests.Features.Overview;

/// <summary>
/// Renders a page component to HTML as the endpoints do (static, no circuit), in a culture and with the page texts,
/// for checks that need no browser: what a page writes, not how it behaves.
/// </summary>
internal static class StaticRender
{
    public static async Task<string> HtmlAsync<TComponent>(CultureInfo culture, Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
            await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
            return await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
