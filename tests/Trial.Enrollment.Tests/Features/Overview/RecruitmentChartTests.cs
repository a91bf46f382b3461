using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Trial.Enrollment.Features.Overview;

namespace Trial.Enrollment.Tests.Features.Overview;

/// <summary>
/// The recruitment chart's SVG in a Norwegian page: every coordinate is one number with a decimal point. With the
/// culture's decimal comma, "380,3" was a list of positions, one per letter, and the middle month's tick showed as a
/// stray "1" (the rest of "11.14" drawn far off the chart).
/// </summary>
public sealed partial class RecruitmentChartTests
{
    [Fact]
    public async Task Ticks_AreWholeMonthsAndNumbers_AtPositionsSvgCanRead_InANorwegianPage()
    {
        var html = await RenderAsync(new LocalDate(2014, 10, 1), new LocalDate(2014, 12, 1),
            [(new LocalDate(2014, 10, 1), 0), (new LocalDate(2014, 11, 1), 1), (new LocalDate(2014, 12, 1), 3)],
            new RecruitmentChart.PeriodBand(new LocalDate(2014, 10, 20), new LocalDate(2014, 12, 1), "1:1", "#eef3f8"));

        var xTicks = Texts(html, "x-tick");
        Assert.Equal(["10.14", "11.14", "12.14"], xTicks.Select(t => t.Text));
        Assert.Equal([50.0, 380.3, 700.0], xTicks.Select(t => double.Parse(t.X, CultureInfo.InvariantCulture)));
        Assert.Equal(["0", "1", "2", "3"], Texts(html, "y-tick").Select(t => t.Text));
        // No coordinate anywhere is written with a decimal comma (a polyline's points are "x,y" pairs, separated by spaces).
        Assert.All(Coordinate().Matches(html), m => Assert.Matches("^-?[0-9]+(\\.[0-9]+)?$", m.Groups[1].Value));
        Assert.Contains("<rect x=\"252.5\" ", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Three centres with the same counts month by month draw the same line: each must still be told apart, by its
    /// dash pattern and the shape of its markers as well as its colour, with a legend entry drawn the same way.
    /// </summary>
    [Fact]
    public async Task CentresWithEqualCounts_EachHaveTheirOwnPatternAndMarkers_AndALegendEntryDrawnAlike()
    {
        List<(LocalDate, int)> same = [(new LocalDate(2014, 10, 1), 0), (new LocalDate(2014, 11, 1), 2), (new LocalDate(2014, 12, 1), 2)];
        var html = await RenderAsync(new LocalDate(2014, 10, 1), new LocalDate(2014, 12, 1), same,
            new RecruitmentChart.PeriodBand(new LocalDate(2014, 10, 1), new LocalDate(2014, 12, 1), "1:1", "#eef3f8"), "Oslo", "Hadeland", "Nordre Aasen");

        var lines = Groups(html, "centre-line");
        Assert.Equal(["Oslo", "Hadeland", "Nordre Aasen"], lines.Select(l => l.Centre));
        // The same points, drawn three ways.
        Assert.Single(lines.Select(l => Attribute(l.Body, "polyline", "points")).Distinct());
        Assert.Equal(3, lines.Select(l => (Attribute(l.Body, "polyline", "stroke"), Attribute(l.Body, "polyline", "stroke-dasharray"))).Distinct().Count());
        Assert.Equal(2, lines.Count(l => Attribute(l.Body, "polyline", "stroke-dasharray") is not null));
        // A marker on every point of every line, and a different shape per centre: at a shared point the outlines differ.
        Assert.All(lines, l => Assert.Equal(same.Count, Markers(l.Body).Count));
        var shapes = lines.Select(l => Shape(Markers(l.Body)[1])).ToList();
        Assert.Equal(3, shapes.Distinct().Count());
        // The legend names each centre with its total, drawn with the line's colour, pattern and marker shape.
        var legend = Groups(html, "legend-entry");
        Assert.Equal(lines.Select(l => l.Centre), legend.Select(l => l.Centre));
        foreach (var (line, entry) in lines.Zip(legend))
        {
            Assert.Equal(Attribute(line.Body, "polyline", "stroke"), Attribute(entry.Body, "line", "stroke"));
            Assert.Equal(Attribute(line.Body, "polyline", "stroke-dasharray"), Attribute(entry.Body, "line", "stroke-dasharray"));
            Assert.Equal(Shape(Markers(line.Body)[0]), Shape(Markers(entry.Body).Single()));
            Assert.Contains($"{line.Centre} (2)", entry.Body, StringComparison.Ordinal);
        }
    }

    private static List<(string Centre, string Body)> Groups(string html, string css) =>
        Regex.Matches(html, $"<g class=\"{css}\" data-centre=\"([^\"]*)\">(.*?)</g>", RegexOptions.Singleline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    private static string? Attribute(string body, string element, string name) =>
        Regex.Match(body, $"<{element}\\s[^>]*?\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;

    private static List<string> Markers(string body) =>
        Regex.Matches(body, "<path class=\"marker\" d=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();

    /// <summary>A marker's shape: its path without the position it starts at.</summary>
    private static string Shape(string path) => Regex.Replace(path, "^M[-0-9.]+,[-0-9.]+", "");

    private static Task<string> RenderAsync(LocalDate first, LocalDate last, List<(LocalDate, int)> points, RecruitmentChart.PeriodBand band,
        params string[] centres) =>
        StaticRender.HtmlAsync<RecruitmentChart>(CultureInfo.GetCultureInfo("nb-NO"), new()
        {
            [nameof(RecruitmentChart.Lines)] = (centres.Length == 0 ? ["Oslo"] : centres).Select(c => new RecruitmentChart.CentreLine(c, points)).ToList(),
            [nameof(RecruitmentChart.Bands)] = new List<RecruitmentChart.PeriodBand> { band },
            [nameof(RecruitmentChart.First)] = first,
            [nameof(RecruitmentChart.Last)] = last,
        });

    private static List<(string X, string Text)> Texts(string html, string css) =>
        Regex.Matches(html, $"<text class=\"{css}\" x=\"([^\"]*)\"[^>]*>([^<]*)</text>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex("\\s(?:x|y|x1|x2|y1|y2|width|height)=\"([^\"]*)\"")]
    private static partial Regex Coordinate();
}
