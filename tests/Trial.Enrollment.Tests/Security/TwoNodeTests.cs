using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Security;

/// <summary>Two service nodes on one PostgreSQL database: each accepts the other's tokens and cookies; a logout on one holds on both.</summary>
[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class TwoNodeTests
{
    [Fact]
    public async Task TwoNodes_ShareSignIn_AndLogout_AndStoreTheKeyRingEncrypted()
    {
        await using var first = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "two_nodes");
        await using var second = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "two_nodes", joinDatabase: first.ConnectionString);

        var token = await (await first.Anonymous().PostAsJsonAsync("/api/token", new { username = "coord.oslo", password = TrialTestApp.Password }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var onSecond = second.Anonymous();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/participants")).StatusCode);

        var session = new PageSession(first.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("manager", TrialTestApp.Password)).StatusCode);
        var cookieOnSecond = new HttpRequestMessage(HttpMethod.Get, "/participants");
        cookieOnSecond.Headers.Add("Cookie", session.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, (await second.Anonymous().SendAsync(cookieOnSecond)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await onSecond.PostAsync("/api/logout", null)).StatusCode);
        var onFirst = first.Anonymous();
        onFirst.DefaultRequestHeaders.Authorization = onSecond.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync("/api/participants")).StatusCode);

        await using var scope = first.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<TrialDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedKey", xml, StringComparison.Ordinal);
            // Only the secret is encrypted (the key's dates and algorithms stay readable); its plaintext element is gone.
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
