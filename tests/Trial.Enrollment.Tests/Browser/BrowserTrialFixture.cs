using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;
using Trial.Followup.Scheduling;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>
/// One trial service on loopback (PostgreSQL, the real Follow-up, SMS captured) and one headless Chromium, shared by
/// every browser test class of the collection; each test opens its own browser context and uses its own people.
/// </summary>
public sealed partial class BrowserTrialFixture : IAsyncLifetime
{
    private readonly ConcurrentQueue<OutgoingSms> _sms = new();

    public TrialTestApp App { get; private set; } = null!;

    public ChromiumBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TrialTestApp.StartAsync(DatabaseProvider.Postgres, "browser", registerFollowup: false,
            replace: services => services.AddSingleton<ISmsChannel>(new QueuedSms(_sms)), transport: TestTransport.Loopback);
        await TrialApi.SetSeedAsync(App);
        Chromium = await ChromiumBrowser.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A new browser context signed in through the login page (of <paramref name="app"/> when not the shared one).</summary>
    public async Task<IPage> SignedInAsync(string username, bool english = false, TrialTestApp? app = null, string password = TrialTestApp.Password,
        string? browserLocale = null)
    {
        var page = await Chromium.NewPageAsync((app ?? App).BaseUrl, locale: browserLocale);
        await page.GotoAsync(english ? "/login?lang=en" : "/login");
        await page.FillAsync("#f-username", username);
        await page.FillAsync("#f-password", password);
        // Wait for the sign-in POST's answer and, when it redirects, for the next page's URL to commit; never for a load
        // state (in full CI runs that waited until the timeout, see PageUrls). What a test does next (go to a page, read
        // an element) waits for the page itself.
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#sign-in"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/login");
        if (answer.Status is >= 300 and < 400)
        {
            await page.WaitForPathAsync(path => path != "/login");
        }
        return page;
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[0-9]+/q/[A-Za-z0-9_-]{43}")]
    private static partial Regex Link();

    /// <summary>Moves the clock to <paramref name="at"/>, opens due occasions and sends their invitations; returns the links sent to this phone.</summary>
    public async Task<IReadOnlyList<string>> SendInvitationsAsync(Instant at, string phone)
    {
        App.Clock.Reset(at);
        await App.Services.GetRequiredService<OccasionSweep>().OpenDueAsync(CancellationToken.None);
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(1, CancellationToken.None);
        return _sms.Where(s => s.To == phone).Select(s => Link().Match(s.Text).Value).Where(l => l.Length > 0).ToList();
    }

    private sealed class QueuedSms(ConcurrentQueue<OutgoingSms> sent) : ISmsChannel
    {
        public Task SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
        {
            sent.Enqueue(sms);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The coordinator's and participant's browser test classes share one service and one Chromium, and run one after
/// another (they move the shared clock).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserTrialFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// The trial manager's, auditor's, correction and re-consent browser test classes: a second service and Chromium of
/// their own, so that they run beside <see cref="BrowserCollection"/>. One collection held every browser test and was
/// the longest serial stretch of the whole suite (about half of Trial.Enrollment.Tests' time in one line).
/// </summary>
[CollectionDefinition(Name)]
public sealed class OversightBrowserCollection : ICollectionFixture<BrowserTrialFixture>
{
    public const string Name = "browser-oversight";
}
