using System.Text.RegularExpressions;

namespace Trial.Analysis.Tests.Report;

/// <summary>The nb-NO blinded report.pdf, read back as text: translated throughout, decimal commas, and no row that says which arm is IPS.</summary>
public partial class NorwegianBlindedReportTests
{
    private static string Text => ReportRuns.NorwegianBlindedText;

    /// <summary>pdftotext splits some kerned words ("Ko ntro ll"), so phrases are compared without spaces.</summary>
    private static string Squeezed => Regex.Replace(Text, @"\s+", "");

    [Theory]
    [InlineData("matches the lock")]
    [InlineData("unblinded")]
    [InlineData("unbounded above")]
    [InlineData("· package ")]
    [InlineData("(continued)")]
    [InlineData("small-sample factor")]
    [InlineData("heteroskedasticity")]
    [InlineData("95 % CI by")]
    [InlineData("clustered on")]
    [InlineData("Intention to treat: everyone")]
    public void EnglishPhrase_IsNotInTheNorwegianReport(string phrase) =>
        Assert.DoesNotContain(phrase.Replace(" ", "", StringComparison.Ordinal), Squeezed, StringComparison.Ordinal);

    [Fact]
    public void NorwegianPhrases_AreThere()
    {
        Assert.Contains("ikkelåst(tillattforenblindetprøvekjøring)", Squeezed, StringComparison.Ordinal);
        Assert.Contains("·pakke", Squeezed, StringComparison.Ordinal);
        Assert.True(new[] { "ubegrensetoppover", "begrenset", "ingenbalansepunkt" }.Any(w => Squeezed.Contains(w, StringComparison.Ordinal)), "critical-wage bound in Norwegian");
        Assert.Contains("småutvalgsfaktor", Squeezed, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNumberAfterTheTitlePage_HasADecimalPoint()
    {
        var pages = Text.Split('\f');
        var offenders = pages.Skip(1).SelectMany(p => p.Split('\n')).Where(l => DecimalPoint().IsMatch(l)).ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void BaselineTable_ShowsTheProtocolsNorwegianLabels()
    {
        Assert.Contains("FødtiNorge,n(%)", Squeezed, StringComparison.Ordinal);
        Assert.Contains("Videregåendegrunnkurs", Squeezed, StringComparison.Ordinal);
        Assert.DoesNotContain("upper-secondary-basic", Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bornnorway", Squeezed, StringComparison.Ordinal);
    }

    [Fact]
    public void BlindedReport_SaysIpsOnlyOnTheTitlePage()
    {
        // The title page names the trial and says the arms are hidden; no heading, row, column or note after it says IPS.
        var pages = Text.Split('\f');
        var offenders = pages.Skip(1).SelectMany(p => p.Split('\n')).Where(l => Regex.IsMatch(l, @"\bIPS\b")).ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.Matches(@"Arm[B-Z]\d", Squeezed);
    }

    /// <summary>Section headings are the plan's Norwegian titles (title_nb), with the arm's random code where the title says IPS.</summary>
    [Fact]
    public void Headings_AreThePlansNorwegianTitles()
    {
        var plan = Trial.Analysis.Plan.AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        Assert.Contains(Regex.Replace(plan.TitleNorwegian, @"\s+", ""), Squeezed, StringComparison.Ordinal);
        foreach (var a in plan.Analyses)
        {
            var title = string.Join(@"Arm[A-Z]\d", Regex.Replace(a.TitleNorwegian, @"\s+", "").Split("IPS").Select(Regex.Escape));
            Assert.Matches(title + (a.SeedTable is { } t ? Regex.Escape($"(seed001tabell{t})") : ""), Squeezed);
            Assert.DoesNotContain(Regex.Replace(a.Title, @"\s+", ""), Squeezed, StringComparison.Ordinal);
        }
    }

    /// <summary>A number with a decimal point: digits, '.', digits, not part of a version, date, time or file name.</summary>
    [GeneratedRegex(@"(?<![\w.:/-])\d+\.\d+(?![\w.-])")]
    private static partial Regex DecimalPoint();
}
