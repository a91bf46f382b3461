using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scoring;

namespace Trial.Fidelity.Tests;

/// <summary>
/// The manual's own example fidelity report (L12077–13647) scored end to end from its evidence file: every item as the
/// report's score sheet gives it, total 103, "God kvalitet" (spec/seed-004.md §5.6).
/// </summary>
public class ManualExampleReportTest
{
    private static readonly string EvidenceFile = Path.Combine(Review.Root, "protocol", "fidelity", "examples", "manual-example-report.yaml");

    private static ReviewScore Scored(ScoringSettings? settings = null)
    {
        var evidence = EvidenceReader.Load(EvidenceFile, Review.Ips25);
        return FidelityScorer.Score(Review.Ips25, settings is null ? evidence : evidence with { Settings = settings });
    }

    [Theory]
    [InlineData("ST1", 5)] [InlineData("ST2", 5)] [InlineData("ST3", 5)]
    [InlineData("OR1", 2)] [InlineData("OR2", 3)] [InlineData("OR3", 4)] [InlineData("OR4", 5)]
    [InlineData("OR5", 3)] [InlineData("OR6", 4)] [InlineData("OR7", 3)] [InlineData("OR8", 4)]
    [InlineData("SV1", 4)] [InlineData("SV2", 4)] [InlineData("SV3", 4)] [InlineData("SV4", 4)] [InlineData("SV5", 4)]
    [InlineData("SV6", 5)] [InlineData("SV7", 4)] [InlineData("SV8", 4)] [InlineData("SV9", 5)] [InlineData("SV10", 5)]
    [InlineData("SV11", 5)] [InlineData("SV12", 3)] [InlineData("SV13", 5)] [InlineData("SV14", 4)]
    public void EveryItem_AsTheReportScoresIt(string item, int expected) => Assert.Equal(expected, Scored()[item].Score);

    [Fact]
    public void Total_Is103_Good()
    {
        var score = Scored();
        Assert.Equal(103, score.Total);
        Assert.Equal("good", score.Category.Code);
        Assert.Equal("God kvalitet", score.Category.Label.NorwegianBokmal);
        Assert.Equal(new Dictionary<string, int> { ["staffing"] = 15, ["organisation"] = 28, ["services"] = 60 }, score.SectionTotals);
        Assert.DoesNotContain(score.Items, i => i.MissingEvidence);
    }

    [Fact]
    public void Rules_ShowTheEvidenceThatGaveEachScore()
    {
        var score = Scored();
        Assert.Contains("56 participants / 3 FTE = 18.67", score["ST1"].Rule.English);
        Assert.Contains("56 deltakere / 3 årsverk = 18,67, rundet ned til 18", score["ST1"].Rule.NorwegianBokmal);
        Assert.Contains("146 contacts / 24 specialist-weeks = 6.08", score["SV6"].Rule.English);
        Assert.Contains("9 countable of 11 jobs", score["SV8"].Rule.English);
        Assert.Equal("waiting-list", Assert.Single(score["OR6"].CapsApplied).Code);
        Assert.Equal("not-tracked", Assert.Single(score["SV4"].CapsApplied).Code);
    }

    [Fact]
    public void Sv4_UsesTheSortedMedian_NotTheReportsMisprint()
    {
        // The report prints "median 21.5": the mean of the 5th and 6th values as printed (18, 25), unsorted.
        var sv4 = Scored()["SV4"];
        Assert.Equal(18.5m, sv4.Value);
        Assert.Equal(5, sv4.Candidate);   // 18 days is within 30, but untracked days cap the item at 4
        Assert.Equal(4, sv4.Score);
    }

    [Fact]
    public void Or1_UnderTheManualsCalculation_WouldScore3_AndTotal104()
    {
        // The contradiction the setting names: ch. 9 averages the specialists, (5 + 2 + 2) / 3 = 3.
        var score = Scored(ScoringSettings.Default);
        Assert.Equal(3, score["OR1"].Score);
        Assert.Equal(104, score.Total);
    }
}
