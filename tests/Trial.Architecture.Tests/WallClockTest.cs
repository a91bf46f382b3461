namespace Trial.Architecture.Tests;

/// <summary>
/// Tests never read the wall clock (style-anchors §6.14). The build already bans these symbols in product code
/// through BannedSymbols.txt; this covers test code, whose fixtures could otherwise slip past a suppression.
/// </summary>
public class WallClockTest
{
    private static readonly string[] WallClock =
        ["DateTime.Now", "DateTime.UtcNow", "DateTime.Today", "DateTimeOffset.Now", "DateTimeOffset.UtcNow", "SystemClock.Instance"];

    [Fact]
    public void Tests_DoNotReadTheWallClock()
    {
        var offenders = RepositoryTree.SourceFiles("tests")
            .Where(p => !p.EndsWith(nameof(WallClockTest) + ".cs", StringComparison.Ordinal))
            .SelectMany(p => File.ReadLines(p).Select((line, i) => (p, line, i)))
            .Where(x => WallClock.Any(w => x.line.Contains(w, StringComparison.Ordinal)))
            .Select(x => $"{RepositoryTree.Relative(x.p)}:{x.i + 1}")
            .ToList();
        Assert.Empty(offenders);
    }
}
