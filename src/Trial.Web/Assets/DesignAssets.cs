using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Trial.Web.Assets;

/// <summary>
/// Serves the embedded style sheets at /static/{name}.css: Designsystemet's components, the Digdir theme and the few
/// site rules of our own. Embedded so every host (dotnet run, tests, a published build) has the same files.
/// </summary>
public static class DesignAssets
{
    public static readonly string[] StyleSheets = ["theme.css", "designsystemet.css", "site.css"];

    private static readonly Dictionary<string, byte[]> Files = StyleSheets.ToDictionary(n => n, Read, StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapDesignAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/static/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var bytes))
            {
                return Results.NotFound();
            }
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(bytes, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("design/" + name)
                           ?? throw new InvalidOperationException($"design/{name} is not embedded: the npm step of Trial.Web's build did not run.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
