using Trial.Analysis.Report;

namespace Trial.Analysis.Tests.Report;

/// <summary>The report's layout model (what PdfReportBuilder placed where) on the English report of the simulated package.</summary>
public class ReportLayoutTests
{
    private static IReadOnlyList<LayoutItem> Items => ReportRuns.EnglishLayout.Items;

    [Fact]
    public void NoHeading_IsLeftAloneAtAPageFoot()
    {
        var headings = Items.Select((item, i) => (item, i)).Where(x => x.item.Kind == LayoutKind.Heading).ToList();
        Assert.True(headings.Count >= 15, $"{headings.Count} headings");
        Assert.All(headings, h =>
        {
            var next = Items.Skip(h.i + 1).FirstOrDefault();
            Assert.True(next is not null && next.Page == h.item.Page, $"'{h.item.Text}' ends page {h.item.Page}; the next block is on page {next?.Page}");
        });
    }

    [Fact]
    public void NoTableCaption_RepeatsItsSectionHeading()
    {
        string? heading = null;
        foreach (var item in Items)
        {
            if (item.Kind == LayoutKind.Heading)
            {
                heading = item.Text;
            }
            else if (item.Kind == LayoutKind.TableCaption && heading is not null)
            {
                Assert.NotEqual(heading, item.Text);
                Assert.False(item.Text.StartsWith(heading, StringComparison.Ordinal), $"caption '{item.Text}' repeats heading '{heading}'");
            }
        }
    }

    [Fact]
    public void EveryTable_UsesTheOneTableFontSize_IncludingTables16And19()
    {
        var tables = Items.Where(i => i.Kind == LayoutKind.Table).ToList();
        Assert.Contains(tables, t => t.Text == "unadjusted-6m");
        Assert.Contains(tables, t => t.Text == "attrition");
        Assert.All(tables, t => Assert.True(t.FontSize == PdfReportBuilder.TableFontSize, $"{t.Text}: {t.FontSize} pt"));
    }

    [Fact]
    public void AncovaTable_CountsPersons_NotPersonMonths()
    {
        var ancova = ReportRuns.English.Analyses.Single(a => a.Id == "ancova").Tables.Single();
        var labels = ancova.Rows.Select(r => r[0].Display).ToList();
        Assert.Contains("N (persons)", labels);
        Assert.DoesNotContain(labels, l => l.Contains("person-months", StringComparison.Ordinal));
        // A table of person-months still says so.
        var main = ReportRuns.English.Analyses.Single(a => a.Id == "main").Tables.Single();
        Assert.Contains("N (person-months)", main.Rows.Select(r => r[0].Display));
    }

    [Fact]
    public void BaselineTable_UsesTheProtocolsLabelsInItsOrder_WithSharesAmongKnownAndMissingLast()
    {
        var baseline = ReportRuns.English.Baseline.Tables.Single();
        var labels = baseline.Rows.Select(r => r[0].Display.Trim()).ToList();
        Assert.DoesNotContain(labels, l => l.Contains("born norway", StringComparison.Ordinal) || l.Contains("born_norway", StringComparison.Ordinal) || l == "upper-secondary-basic");
        Assert.Contains("Born in Norway, n (%)", labels);
        var education = labels.IndexOf("Highest completed education, n (%)");
        Assert.Equal(["Primary school", "Upper secondary, basic course", "Upper secondary, completed", "University/college", "not known, n"], labels.Skip(education + 1).Take(5));
        // Shares among those with data: the four education rows of an arm add up to 100 %.
        var rows = baseline.Rows.Skip(education + 1).Take(4).ToList();
        var percent = rows.Sum(r => double.Parse(r[1].Display.Split('(', ')')[1], System.Globalization.CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal(100, percent, 0.3);
        var known = rows.Sum(r => int.Parse(r[1].Csv[0], System.Globalization.CultureInfo.InvariantCulture));
        var missing = int.Parse(baseline.Rows[education + 5][1].Csv[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(missing > 0, "the simulated package has participants without education");
        Assert.Equal(ReportRuns.English.Baseline.Json["armSizes"]!["treated"]!.GetValue<int>(), known + missing);
    }
}
