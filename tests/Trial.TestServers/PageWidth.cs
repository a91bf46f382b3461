using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>Whether a page fits the window's width, as on a phone.</summary>
public static class PageWidth
{
    private const string Overflowing = """
        except => [...document.querySelectorAll('body *')]
            .filter(e => !(except && e.closest(except)) && e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))
        """;

    /// <summary>
    /// The elements that reach past the window's right edge (tag#id.class), leaving out those inside
    /// <paramref name="except"/> (e.g. table headings kept for screen readers and clipped to nothing).
    /// </summary>
    public static async Task<string[]> WiderThanWindowAsync(this IPage page, string? except = null) =>
        await page.EvaluateAsync<string[]>(Overflowing, except);
}
