using static Trial.Followup.Tests.Instruments.ShippedInstruments;

namespace Trial.Followup.Tests.Instruments;

public class WhodasScoringTests
{
    private static readonly string[] Items = Enumerable.Range(1, 12).Select(i => $"s{i}").ToArray();

    [Fact]
    public void Score_AllOnes_IsTwentyFive() => Assert.Equal(25m, Score("whodas12", "score", Same(1, Items)).Score); // 12/48 × 100

    [Fact]
    public void Score_AllExtreme_IsHundred() => Assert.Equal(100m, Score("whodas12", "score", Same(4, Items)).Score);

    [Fact]
    public void Score_AllNone_IsZero() => Assert.Equal(0m, Score("whodas12", "score", Same(0, Items)).Score);

    [Fact]
    public void Score_MixedAnswers_IsSumOverFortyEight()
    {
        // 0+1+2+3+4+0+1+2+3+4+0+1 = 21; 21/48 × 100 = 43.75
        var answers = Items.Select((item, i) => (item, i % 5)).ToDictionary(p => p.item, p => p.Item2, StringComparer.Ordinal);
        Assert.Equal(43.75m, Score("whodas12", "score", answers).Score);
    }

    [Fact]
    public void Score_OneItemMissing_ProratesByTwelveElevenths()
    {
        var answers = Same(2, Items[..11]); // 22 over 11 items → 24 → 50
        var score = Score("whodas12", "score", answers);
        Assert.Equal((50m, 11, true), (score.Score, score.ItemsAnswered, score.Prorated));
    }

    [Fact]
    public void Sum_OneItemMissing_ProratesNotRounded()
    {
        var answers = Same(1, Items[..11]);
        answers["s1"] = 2; // 12 over 11 items → 12 × 12/11 = 13.0909…
        Assert.Equal(13.0909m, Score("whodas12", "sum", answers).Score);
    }

    [Fact]
    public void Score_TwoItemsMissing_IsMissing() => Assert.Null(Score("whodas12", "score", Same(2, Items[..10])).Score);
}
