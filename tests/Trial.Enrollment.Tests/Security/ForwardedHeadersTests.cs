using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// The real host on a loopback port: X-Forwarded-For and X-Forwarded-Proto change the client address (seen in the
/// audited failed sign-in) and the scheme (HSTS is sent only over HTTPS) only when the peer (127.0.0.1) is a configured
/// proxy or in a configured network; with none configured, or others, the headers are ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string ClientBehindProxy = "203.0.113.7";

    public static TheoryData<string[], bool> Settings => new()
    {
        { [], false },
        { ["--Trial:KnownProxies:0=10.9.8.7"], false },
        { ["--Trial:KnownNetworks:0=10.0.0.0/8"], false },
        { ["--Trial:KnownProxies:0=127.0.0.1"], true },
        { ["--Trial:KnownNetworks:0=127.0.0.0/8"], true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task ForwardedHeaders_AreBelievedOnlyFromConfiguredProxiesAndNetworks(string[] settings, bool believed)
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "forwarded", registerFollowup: false,
            transport: TestTransport.Loopback, settings: settings);
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/token") { Content = JsonContent.Create(new { username = "coord.oslo", password = "wrong" }) };
        request.Headers.Add("X-Forwarded-For", ClientBehindProxy);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(believed, response.Headers.Contains("Strict-Transport-Security"));
        await using var scope = app.Services.CreateAsyncScope();
        var payload = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == "login.failed" && e.Subject == "coord.oslo").Select(e => e.Payload).SingleAsync();
        Assert.Contains(believed ? ClientBehindProxy : "127.0.0.1", payload, StringComparison.Ordinal);
        Assert.Equal(believed, payload.Contains(ClientBehindProxy, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--Trial:KnownProxies:0=proxy.example.org", "Trial:KnownProxies:0")]
    [InlineData("--Trial:KnownNetworks:0=10.0.0.0/33", "Trial:KnownNetworks:0")]
    public async Task AnUnreadableProxySetting_StopsTheStart_NamingIt(string setting, string name)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "forwarded_bad",
            registerFollowup: false, settings: [setting]));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
