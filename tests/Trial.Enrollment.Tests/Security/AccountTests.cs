using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>Sign-in throttling and lockout, revocation on logout and password change, session lifetimes, auditing. A fresh service per test.</summary>
public sealed class AccountTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new();
    private readonly CountingHasher _hasher = new(StaffPasswords.CreateHasher(new() { PasswordHashIterations = TrialTestApp.TestPasswordHashIterations }));
    private TrialTestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "accounts", replace: s =>
        {
            s.AddSingleton<TimeProvider>(_time);
            s.AddSingleton<IPasswordHasher<StaffUserRecord>>(_hasher);
        });

    /// <summary>The real hasher, counting its verifications: an unknown user must cost the same hashing as a known one.</summary>
    private sealed class CountingHasher(IPasswordHasher<StaffUserRecord> inner) : IPasswordHasher<StaffUserRecord>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StaffUserRecord user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUserRecord user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> TokenAsync(string username, string password) =>
        _app.Anonymous().PostAsJsonAsync("/api/token", new { username, password });

    private async Task<HttpClient> BearerAsync(string username, string password = TrialTestApp.Password)
    {
        var response = await TokenAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = _app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrialDbContext>().AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    [Fact]
    public async Task Token_FiveWrongPasswords_LockTheAccountEvenForTheRightOne_UntilTheLockEnds()
    {
        for (var i = 0; i < LoginThrottle.FailuresPerAccount; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("coord.oslo", "wrong password " + i)).StatusCode);
        }
        var locked = await TokenAsync("coord.oslo", TrialTestApp.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("coord.hadeland", TrialTestApp.Password)).StatusCode);

        _time.Advance(StaffSignIn.LockDuration + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("coord.oslo", TrialTestApp.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_UnknownUser_IsHashedAndLockedExactlyLikeAKnownOne()
    {
        var before = _hasher.Verifications;
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= LoginThrottle.FailuresPerAccount; i++)
        {
            answers.Add((await TokenAsync("nobody.here", "wrong password " + i)).StatusCode);
        }
        Assert.True(_hasher.Verifications - before >= LoginThrottle.FailuresPerAccount + 1,
            "every attempt on an unknown user should cost a password hash verification");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, LoginThrottle.FailuresPerAccount), HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task Token_TwentyFailuresFromOneAddress_LockTheAddress()
    {
        for (var i = 0; i < LoginThrottle.FailuresPerAddress; i++)
        {
            await TokenAsync($"guess{i % 4}", "wrong password");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TokenAsync("manager", TrialTestApp.Password)).StatusCode);
    }

    [Fact]
    public async Task FailedAndSuccessfulLogins_AreAudited()
    {
        await TokenAsync("coord.oslo", "wrong password");
        await TokenAsync("coord.oslo", TrialTestApp.Password);
        await new PageSession(_app.Anonymous()).SignInAsync("auditor", "also wrong");
        var actions = await AuditActionsAsync();
        Assert.Equal(2, actions.Count(a => a == "login.failed"));
        Assert.Contains("login.succeeded", actions);
        Assert.Contains("user.added", actions);
    }

    [Fact]
    public async Task Token_Response_HasNoRefreshToken()
    {
        var body = await (await TokenAsync("coord.oslo", TrialTestApp.Password)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
    }

    [Fact]
    public async Task Logout_RevokesEveryTokenOfTheUser()
    {
        var first = await BearerAsync("coord.oslo");
        var second = await BearerAsync("coord.oslo");
        var other = await BearerAsync("coord.hadeland");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/participants")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/participants")).StatusCode);
    }

    [Fact]
    public async Task LogoutPage_ACopiedCookieNoLongerOpensPages()
    {
        var session = new PageSession(_app.Anonymous());
        Assert.Equal(HttpStatusCode.Redirect, (await session.SignInAsync("coord.oslo", TrialTestApp.Password)).StatusCode);
        var copied = session.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/participants")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/participants", "/logout", [])).StatusCode);

        var replay = new HttpRequestMessage(HttpMethod.Get, "/participants");
        replay.Headers.Add("Cookie", copied);
        var response = await _app.Anonymous().SendAsync(replay);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_RevokesTokens_AndOnlyTheNewPasswordWorks()
    {
        var client = await BearerAsync("coord.oslo");
        const string newPassword = "a brand new long password";
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.PostAsJsonAsync("/api/password", new { currentPassword = TrialTestApp.Password, newPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("coord.oslo", TrialTestApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync("coord.oslo", newPassword)).StatusCode);
    }

    [Fact]
    public async Task CookieSession_EndsWhenIdle()
    {
        var session = new PageSession(_app.Anonymous());
        await session.SignInAsync("coord.oslo", TrialTestApp.Password);
        _time.Advance(StaffSessionCheck.IdleLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task CookieSession_EndsAtTheAbsoluteLifetimeHoweverActive()
    {
        var session = new PageSession(_app.Anonymous());
        await session.SignInAsync("coord.oslo", TrialTestApp.Password);
        var step = StaffSessionCheck.IdleLifetime / 2;
        for (var elapsed = TimeSpan.Zero; elapsed + step < StaffSessionCheck.AbsoluteLifetime; elapsed += step)
        {
            _time.Advance(step);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/participants")).StatusCode);
        }
        _time.Advance(step);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/participants")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_AndLosesCurrentTokens()
    {
        var client = await BearerAsync("coord.oslo");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffDirectory>().DisableAsync("coord.oslo", "test", CancellationToken.None);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/participants")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync("coord.oslo", TrialTestApp.Password)).StatusCode);
        Assert.Contains("user.disabled", await AuditActionsAsync());
    }
}
