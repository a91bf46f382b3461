using Trial.Analysis.Report;

namespace Trial.Analysis.Tests.Report;

/// <summary>Legends are drawn outside the data area (they covered data in four figures).</summary>
public class FigureLayoutTests
{
    [Fact]
    public void Forest_PooledLine_LegendIsOutsideTheData()
    {
        var plot = Charts.Forest(ReportLocale.English, "t", "x", [("a", 0.1, 0.0, 0.2), ("b", 0.2, 0.1, 0.3)], pooled: 0.15);
        Assert.False(plot.Legend.IsVisible);
        Assert.Contains(plot.Axes.GetPanels(), p => p.GetType().Name.Contains("Legend", StringComparison.Ordinal));
    }

    [Fact]
    public void NoFigure_PlacesItsLegendInsideTheDataArea()
    {
        var source = Path.Combine(RepositoryFiles.Root, "src", "Trial.Analysis");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("ShowLegend(", StringComparison.Ordinal) && !f.EndsWith("Charts.cs", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }
}
