using static Trial.Followup.Tests.Instruments.ShippedInstruments;

namespace Trial.Followup.Tests.Instruments;

/// <summary>Hand-worked examples for the instruments scored as plain sums without proration.</summary>
public class SumInstrumentScoringTests
{
    private static string[] ShcItems => Get("shc").Items.Select(i => i.Code).ToArray();

    [Fact]
    public void ShcTotal_AllALittle_IsTwentyNine() => Assert.Equal(29m, Score("shc", "total", Same(1, ShcItems)).Score);

    [Fact]
    public void ShcTotal_AllSerious_IsEightySeven() => Assert.Equal(87m, Score("shc", "total", Same(3, ShcItems)).Score);

    [Fact]
    public void ShcMusculoskeletal_EightItemsAtTwo_IsSixteen()
    {
        var answers = Same(0, ShcItems);
        foreach (var item in new[] { "headache", "neck", "upper-back", "low-back", "arm", "shoulder", "migraine", "leg" })
        {
            answers[item] = 2;
        }
        Assert.Equal((16m, 16m), (Score("shc", "musculoskeletal", answers).Score, Score("shc", "total", answers).Score));
    }

    [Fact]
    public void ShcTotal_OneItemMissing_IsMissing()
    {
        var answers = Same(1, ShcItems);
        answers.Remove("tiredness");
        Assert.Null(Score("shc", "total", answers).Score);
    }

    [Fact]
    public void ShcFlu_OtherSubscaleItemMissing_IsStillScored()
    {
        var answers = Same(1, ShcItems);
        answers.Remove("tiredness");
        Assert.Equal(2m, Score("shc", "flu", answers).Score);
    }

    [Fact]
    public void ChalderTotal_PhysicalOnesMentalTwos_IsFifteen()
    {
        var answers = Same(1, "tired", "rest", "sleepy", "starting", "energy", "strength", "weak");
        foreach (var item in new[] { "concentrating", "slips", "words", "memory" })
        {
            answers[item] = 2;
        }
        Assert.Equal((7m, 8m, 15m), (Score("chalder", "physical", answers).Score, Score("chalder", "mental", answers).Score, Score("chalder", "total", answers).Score));
    }

    [Fact]
    public void ChalderTotal_OneItemMissing_IsMissing()
    {
        var answers = Same(3, "tired", "rest", "sleepy", "starting", "energy", "strength", "weak", "concentrating", "slips", "words");
        Assert.Null(Score("chalder", "total", answers).Score);
    }

    [Fact]
    public void AuditC_FourTwoOne_IsSeven() =>
        Assert.Equal(7m, Score("audit-c", "total", Answers(("q1", 4), ("q2", 2), ("q3", 1))).Score);

    [Fact]
    public void AuditC_OneItemMissing_IsMissing() =>
        Assert.Null(Score("audit-c", "total", Answers(("q1", 4), ("q2", 2))).Score);

    [Fact]
    public void Dudit_NineOnesThenTwoAndFour_IsFifteen()
    {
        var answers = Same(1, "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9");
        answers["q10"] = 2;
        answers["q11"] = 4;
        Assert.Equal(15m, Score("dudit", "total", answers).Score);
    }

    [Fact]
    public void Dudit_HighestAnswers_IsFortyFour()
    {
        var answers = Same(4, "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11");
        Assert.Equal(44m, Score("dudit", "total", answers).Score);
    }

    [Fact]
    public void EqVas_Answer73_Is73() => Assert.Equal(73m, Score("eq5d-vas", "vas", Answers(("vas", 73))).Score);

    [Fact]
    public void EqVas_Unanswered_IsMissing() => Assert.Null(Score("eq5d-vas", "vas", Answers()).Score);

    [Fact]
    public void Ladder_Step7_Is7() => Assert.Equal(7m, Score("ladder", "step", Answers(("step", 7))).Score);

    [Fact]
    public void WorkHealth_ALittleBetter_IsFour() => Assert.Equal(4m, Score("work-health", "expectation", Answers(("expectation", 4))).Score);
}
