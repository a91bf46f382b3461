using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>What every browser test does on every page it reaches: a screenshot into the test output, then axe-core.</summary>
public static class PageChecks
{
    /// <summary>Where screenshots go: "screenshots" next to the test binaries, one PNG per step.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>
    /// Saves a full-page screenshot named <paramref name="step"/> and runs axe-core (WCAG 2.0/2.1 A and AA and
    /// best-practice rules); any violation throws with the rule, the impact and the offending elements.
    /// </summary>
    public static async Task CheckPageAsync(this IPage page, string step)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, step + ".png"), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        if (result.Violations.Length > 0)
        {
            var lines = result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(" ", n.Target)}"));
            throw new AccessibilityViolationException($"axe-core found {result.Violations.Length} violation(s) on '{step}' ({page.Url}):\n{string.Join("\n", lines)}");
        }
    }
}

/// <summary>axe-core found something on a page: the message lists every rule and element.</summary>
public sealed class AccessibilityViolationException(string message) : Exception(message);
