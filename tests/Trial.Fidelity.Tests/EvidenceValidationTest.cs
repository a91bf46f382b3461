namespace Trial.Fidelity.Tests;

/// <summary>Bad evidence is refused with the file, the path and the rule; nothing is scored from it.</summary>
public class EvidenceValidationTest
{
    [Theory]
    [InlineData("ST1:\n  caseloads:\n    - {specialist: A, fte: 1, participants: -3}", "$.items.ST1.caseloads[0].participants", "outside [0, 1000]")]
    [InlineData("ST1:\n  caseloads:\n    - {specialist: A, fte: 0, participants: 3}", "$.items.ST1.caseloads[0].fte", "above 0 and at most 1")]
    [InlineData("ST2:\n  percentages: [101]", "$.items.ST2.percentages[0]", "between 0 and 100")]
    [InlineData("SV13:\n  percentages: [-1]", "$.items.SV13.percentages[0]", "between 0 and 100")]
    [InlineData("OR3:\n  anchor: 6", "$.items.OR3.anchor", "outside [1, 5]")]
    [InlineData("OR3:\n  note: forgot", "$.items.OR3", "give anchor 1–5")]
    [InlineData("ST3:\n  specialistScores: [5, 0]", "$.items.ST3.specialistScores[1]", "outside [1, 5]")]
    [InlineData("OR6:\n  anchor: 5\n  conditions: [waitlist]", "$.items.OR6.conditions[0]", "not a condition of OR6")]
    [InlineData("OR2:\n  components: [C9]", "$.items.OR2.components[0]", "not a component of OR2")]
    [InlineData("XX9:\n  anchor: 3", "$.items.XX9", "not an item of ips-25")]
    [InlineData("ST1:\n  caseload: []", "$.items.ST1.caseload", "unknown key 'caseload'")]
    [InlineData("ST2:\n  anchor: 5", "$.items.ST2.anchor", "needs a note")]
    [InlineData("SV4:\n  days: [-2]", "$.items.SV4.days[0]", "between 0 and 3650")]
    [InlineData("SV6:\n  contactLogs:\n    - {specialist: A, contacts: 3, weeks: 2, absentWeeks: 2}\n  logReview: weekly", "$.items.SV6.contactLogs[0].absentWeeks", "fewer than the weeks")]
    [InlineData("SV6:\n  logReview: sometimes", "$.items.SV6.logReview", "not one of")]
    public void Refused_NamingThePathAndTheRule(string items, string path, string rule)
    {
        var error = Review.Refused(items).Errors.First(e => e.Path == path);
        Assert.Equal("evidence.yaml", error.File);
        Assert.Contains(rule, error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblem_IsListed_NotOnlyTheFirst()
    {
        var errors = Review.Refused("ST2:\n  percentages: [120]\nOR3:\n  anchor: 9").Errors;
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void WrongScale_AndUnknownSetting_AreRefused()
    {
        Assert.Contains("unknown key 'roundng'", Review.Refused("ST2:\n  percentages: [99]", "settings: {roundng: closest}").Message, StringComparison.Ordinal);
        Assert.Contains("'nearest' is not one of", Review.Refused("ST2:\n  percentages: [99]", "settings: {rounding: nearest}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEvidence_Scores1_WithAWarning()
    {
        var score = Review.Score("OR3:\n  anchor: 5");
        Assert.Equal(5 + 24, score.Total);
        Assert.Equal("not-ips", score.Category.Code);
        var st1 = score["ST1"];
        Assert.True(st1.MissingEvidence);
        Assert.Equal(1, st1.Score);
        Assert.Contains("missing evidence", st1.Warnings.Select(w => w.English));
    }

    [Fact]
    public void EmptyEvidence_ForAComputedItem_Scores1()
    {
        var score = Review.Item("ST1", "caseloads: []");
        Assert.True(score.MissingEvidence);
        Assert.Equal(1, score.Score);
    }
}
