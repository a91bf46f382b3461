using Trial.Followup.Instruments;

namespace Trial.Followup.Tests.Instruments;

public class AnswerValidatorTests
{
    private static readonly IReadOnlyList<InstrumentDefinition> Page =
        [ShippedInstruments.Get("eq5d-vas"), ShippedInstruments.Get("audit-c"), ShippedInstruments.Get("dudit")];

    private static Dictionary<string, string?> Complete()
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal) { ["q.eq5d-vas.vas"] = "60" };
        foreach (var item in new[] { "q1", "q2", "q3" })
        {
            fields[$"q.audit-c.{item}"] = "1";
        }
        for (var i = 1; i <= 11; i++)
        {
            fields[$"q.dudit.q{i}"] = "0";
        }
        return fields;
    }

    private static AnswerError SingleError(Dictionary<string, string?> fields, CompletenessPolicy policy = CompletenessPolicy.Submission) =>
        Assert.Single(AnswerValidator.Validate(Page, fields, policy).Errors);

    [Fact]
    public void Validate_CompleteAnswers_IsValid()
    {
        var result = AnswerValidator.Validate(Page, Complete(), CompletenessPolicy.Submission);
        Assert.Equal((true, 15), (result.IsValid, result.Answers.Count));
    }

    [Fact]
    public void Validate_VasAboveHundred_NamesFieldAndRange()
    {
        var fields = Complete();
        fields["q.eq5d-vas.vas"] = "101";
        var error = SingleError(fields);
        Assert.Equal(("q.eq5d-vas.vas", "The answer must be from 0 to 100."), (error.Field, error.Message.En));
    }

    [Fact]
    public void Validate_ValueNotAnOption_IsRejected()
    {
        var fields = Complete();
        fields["q.dudit.q10"] = "1"; // q10 offers 0, 2, 4
        Assert.Equal("q.dudit.q10", SingleError(fields).Field);
    }

    [Fact]
    public void Validate_NotANumber_IsRejected()
    {
        var fields = Complete();
        fields["q.audit-c.q2"] = "two";
        Assert.Equal("The answer must be a whole number from 0 to 4.", SingleError(fields).Message.En);
    }

    [Fact]
    public void Validate_RequiredItemBlankOnSubmission_IsRejected()
    {
        var fields = Complete();
        fields.Remove("q.audit-c.q3");
        Assert.Equal(("q.audit-c.q3", "Dette spørsmålet må besvares."), (SingleError(fields).Field, SingleError(fields).Message.NbNo));
    }

    [Fact]
    public void Validate_RequiredItemBlankInDraft_IsAccepted()
    {
        var fields = Complete();
        fields.Remove("q.audit-c.q3");
        Assert.True(AnswerValidator.Validate(Page, fields, CompletenessPolicy.Draft).IsValid);
    }

    [Fact]
    public void Validate_OutOfRangeInDraft_IsStillRejected()
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal) { ["q.eq5d-vas.vas"] = "-1" };
        Assert.Equal("q.eq5d-vas.vas", SingleError(fields, CompletenessPolicy.Draft).Field);
    }

    [Fact]
    public void Validate_UnknownItemField_IsRejected()
    {
        var fields = Complete();
        fields["q.hads.a1"] = "2"; // HADS is not on this page
        Assert.Equal("q.hads.a1", SingleError(fields).Field);
    }
}
