using System.Diagnostics;
using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>Waiting for a navigation to commit and its document to be parsed, without Playwright's load-state waits.</summary>
public static class PageUrls
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits until the page's committed URL has a path that <paramref name="path"/> accepts, by polling
    /// <see cref="IPage.Url"/>, which Playwright moves on each committed navigation; then until that document is parsed
    /// (readyState past "loading"), so that counting elements does not see half a page.
    /// </summary>
    /// <remarks>
    /// Not <see cref="IPage.WaitForURLAsync(Func{string, bool}, PageWaitForURLOptions?)"/>: when the URL already matches
    /// at the call, Playwright .NET waits for a load state instead, and it maps <see cref="WaitUntilState.Commit"/> to
    /// none, which means "load". In a full CI run that wait once never ended (its log saw only "NetworkIdle") and the
    /// sign-in of a browser test timed out after 120 s although the next page had long committed.
    /// </remarks>
    public static async Task WaitForPathAsync(this IPage page, Func<string, bool> path, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var waited = Stopwatch.StartNew();
        while (!path(new Uri(page.Url).AbsolutePath))
        {
            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"The page stayed at {page.Url}; no navigation to the awaited path committed.");
            }
            await Task.Delay(Poll);
        }
        // Evaluated in the page and retried by Playwright across a navigation still under way; no load-state tracking.
        await page.WaitForFunctionAsync("document.readyState !== 'loading'", null,
            new PageWaitForFunctionOptions { Timeout = (float)Math.Max(1000, (limit - waited.Elapsed).TotalMilliseconds) });
    }
}
