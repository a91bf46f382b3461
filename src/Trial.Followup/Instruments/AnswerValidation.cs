namespace Trial.Followup.Instruments;

/// <summary>The parsed answers and every problem found; valid when there are no errors.</summary>
public sealed record AnswerValidation(AnswerSet Answers, IReadOnlyList<AnswerError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
