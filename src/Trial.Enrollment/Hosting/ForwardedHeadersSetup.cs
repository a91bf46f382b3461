using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Trial.Enrollment.Hosting;

/// <summary>
/// Behind a reverse proxy the client's address (rate limits, sign-in throttling and audit) and scheme (Secure cookies,
/// HSTS) come from X-Forwarded-For and X-Forwarded-Proto, but only when the peer is one of the configured proxies or in
/// one of the configured networks: from anyone else the headers are ignored, so a client cannot choose its own address.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static bool Enabled(TrialHostOptions options) => options.KnownProxies.Length > 0 || options.KnownNetworks.Length > 0;

    /// <summary>Parses the settings now, so a wrong one stops the start naming it, rather than failing requests later.</summary>
    public static IServiceCollection AddTrialForwardedHeaders(this IServiceCollection services, TrialHostOptions options)
    {
        var proxies = options.KnownProxies.Select((text, i) => IPAddress.TryParse(text, out var address)
            ? address
            : throw new InvalidOperationException($"Trial:KnownProxies:{i} '{text}' must be an IP address.")).ToList();
        var networks = options.KnownNetworks.Select((text, i) => System.Net.IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"Trial:KnownNetworks:{i} '{text}' must be a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured ones: not the framework's default of loopback.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
    }
}
