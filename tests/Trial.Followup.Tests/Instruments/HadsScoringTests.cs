using static Trial.Followup.Tests.Instruments.ShippedInstruments;

namespace Trial.Followup.Tests.Instruments;

public class HadsScoringTests
{
    // Hand-worked: anxiety 2+1+3+0+2+1+2 = 11; depression 0+1+1+2+0+1+0 = 5; total 16.
    private static Dictionary<string, int> Complete() => Answers(
        ("a1", 2), ("a2", 1), ("a3", 3), ("a4", 0), ("a5", 2), ("a6", 1), ("a7", 2),
        ("d1", 0), ("d2", 1), ("d3", 1), ("d4", 2), ("d5", 0), ("d6", 1), ("d7", 0));

    [Fact]
    public void Anxiety_AllItemsAnswered_IsSum() => Assert.Equal(11m, Score("hads", "anxiety", Complete()).Score);

    [Fact]
    public void Depression_AllItemsAnswered_IsSum() => Assert.Equal(5m, Score("hads", "depression", Complete()).Score);

    [Fact]
    public void Total_AllItemsAnswered_IsAnxietyPlusDepression()
    {
        var total = Score("hads", "total", Complete());
        Assert.Equal((16m, 14, 14, false), (total.Score, total.ItemsAnswered, total.ItemsTotal, total.Prorated));
    }

    [Fact]
    public void Anxiety_OneItemMissing_IsProratedBySevenSixths()
    {
        var answers = Complete();
        answers.Remove("a7"); // 2+1+3+0+2+1 = 9 over six items; 9 × 7/6 = 10.5
        var anxiety = Score("hads", "anxiety", answers);
        Assert.Equal((10.5m, 6, 7, true), (anxiety.Score, anxiety.ItemsAnswered, anxiety.ItemsTotal, anxiety.Prorated));
    }

    [Fact]
    public void Depression_OneItemMissing_ProratesToFourDecimals()
    {
        var answers = Complete();
        answers.Remove("d1"); // 1+1+2+0+1+0 = 5; 5 × 7/6 = 5.8333…
        Assert.Equal(5.8333m, Score("hads", "depression", answers).Score);
    }

    [Fact]
    public void Total_OneSubscaleProrated_IsMarkedProrated()
    {
        var answers = Complete();
        answers.Remove("a7"); // 10.5 + 5
        var total = Score("hads", "total", answers);
        Assert.Equal((15.5m, true), (total.Score, total.Prorated));
    }

    [Fact]
    public void Anxiety_TwoItemsMissing_IsMissing()
    {
        var answers = Complete();
        answers.Remove("a6");
        answers.Remove("a7");
        Assert.Null(Score("hads", "anxiety", answers).Score);
    }

    [Fact]
    public void Total_OneSubscaleMissing_IsMissing()
    {
        var answers = Complete();
        answers.Remove("a6");
        answers.Remove("a7");
        Assert.Null(Score("hads", "total", answers).Score);
    }

    [Fact]
    public void Depression_OtherSubscaleMissing_IsStillScored()
    {
        var answers = Complete();
        answers.Remove("a6");
        answers.Remove("a7");
        Assert.Equal(5m, Score("hads", "depression", answers).Score);
    }

    [Fact]
    public void Items_ReverseKeyed_FirstPrintedOptionScoresThree()
    {
        var a1 = Get("hads").FindItem("a1")!;
        var d1 = Get("hads").FindItem("d1")!;
        Assert.Equal((3, 0), (a1.Options[0].Value, d1.Options[0].Value));
    }
}
