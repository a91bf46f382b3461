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

    private static Task<string> RenderAsync(LocalDate first, LocalDate last, List<(LocalDate, int)> points, RecruitmentChart.PeriodBand band) =>
        StaticRender.HtmlAsync<RecruitmentChart>(CultureInfo.GetCultureInfo("nb-NO"), new()
        {
            [nameof(RecruitmentChart.Lines)] = new List<RecruitmentChart.CentreLine> { new("Oslo", points) },
            [nameof(RecruitmentChart.Bands)] = new List<RecruitmentChart.PeriodBand> { band },
            [nameof(RecruitmentChart.First)] = first,
            [nameof(RecruitmentChart.Last)] = last,
        });

    private static List<(string X, string Text)> Texts(string html, string css) =>
        Regex.Matches(html, $"<text class=\"{css}\" x=\"([^\"]*)\"[^>]*>([^<]*)</text>").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex("\\s(?:x|y|x1|x2|y1|y2|width|height)=\"([^\"]*)\"")]
    private static partial Regex Coordinate();
}
