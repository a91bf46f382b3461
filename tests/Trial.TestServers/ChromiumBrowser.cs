using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>
/// Debian's /usr/bin/chromium, headless, driven by Playwright for .NET through its executable path (browsers are never
/// downloaded: no "playwright install"). One per test class; each test opens its own context (cookies, viewport, locale).
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public static bool Installed => File.Exists(Executable);

    public IBrowser Browser { get; }

    public static async Task<ChromiumBrowser> StartAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
        });
        return new ChromiumBrowser(playwright, browser);
    }

    /// <summary>A desktop page (1280×900) or, with <paramref name="phone"/>, a phone-sized one (390×844, touch).</summary>
    /// <param name="locale">The browser's own locale (e.g. "en-US"); Playwright's default when null.</param>
    public async Task<IPage> NewPageAsync(Uri? baseUrl = null, bool phone = false, string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl?.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            HasTouch = phone,
            IsMobile = phone,
            DeviceScaleFactor = 1,
            // axe-core is injected as a script; the participant pages' CSP (no script at all) would block it.
            BypassCSP = true,
            Locale = locale,
        });
        // Playwright's 30 s default is too short on a 2-core CI machine where the test assemblies run side by side:
        // a sign-in page once took longer while the demo tests were simulating a trial. A real fault still fails.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
