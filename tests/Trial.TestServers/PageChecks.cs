using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Trial.TestServers;

/// <summary>What every browser test does on every page it reaches: a screenshot into the test output, then axe-core.</summary>
public static class PageChecks
{
    /// <summary>Where screenshots go: "screenshots" next to the test binaries, one PNG per step.</summary>
    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    /// <summary>The axe-core that Deque.AxeCore.Playwright bundles, so the version stays the package's.</summary>
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// axe.run on the document, answering only what the check reads: each violation's rule, impact, help and the
    /// elements it found. resultTypes limits the passes, incomplete and inapplicable lists to one node each; the
    /// violations stay complete.
    /// </summary>
    private const string RunAxe = """
        async (tags) => {
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.map(v => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
        }
        """;

    /// <summary>
    /// Saves a full-page screenshot named <paramref name="step"/> and runs axe-core (WCAG 2.0/2.1 A and AA and
    /// best-practice rules); any violation throws with the rule, the impact and the offending elements.
    /// </summary>
    public static async Task CheckPageAsync(this IPage page, string step)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, step + ".png"), FullPage = true });
        var violations = page.Frames.Count == 1 ? await RunInPageAsync(page) : await RunWithFramesAsync(page);
        if (violations.Length > 0)
        {
            var lines = violations.SelectMany(v => v.Targets.Select(target => $"{v.Id} ({v.Impact}): {v.Help} at {target}"));
            throw new AccessibilityViolationException($"axe-core found {violations.Length} violation(s) on '{step}' ({page.Url}):\n{string.Join("\n", lines)}");
        }
    }

    /// <summary>
    /// A page without frames (every page of the service): axe-core is added once to the document and run there. Deque's
    /// RunAxe sends the 0.5 MB script twice, opens and closes a second page to merge the results and ships every passing
    /// node back; for the same rules and the same violations, RefusalBrowserTests' 7 checks cost Chromium 47 s of CPU
    /// with it and 26 s this way.
    /// </summary>
    private static async Task<Violation[]> RunInPageAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => window.axe !== undefined"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeSource.Value });
        }
        return await page.EvaluateAsync<Violation[]>(RunAxe, Tags);
    }

    /// <summary>A page with frames: Deque's runner, which injects axe-core into every frame and merges their results.</summary>
    private static async Task<Violation[]> RunWithFramesAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        return result.Violations.Select(v => new Violation
        {
            Id = v.Id, Impact = v.Impact ?? "", Help = v.Help, Targets = v.Nodes.Select(n => string.Join(" ", n.Target)).ToArray(),
        }).ToArray();
    }

    /// <summary>One violated rule; settable properties, because Playwright fills the answer of EvaluateAsync that way.</summary>
    private sealed class Violation
    {
        public string Id { get; set; } = "";

        public string Impact { get; set; } = "";

        public string Help { get; set; } = "";

        public string[] Targets { get; set; } = [];
    }
}

/// <summary>axe-core found something on a page: the message lists every rule and element.</summary>
public sealed class AccessibilityViolationException(string message) : Exception(message);
