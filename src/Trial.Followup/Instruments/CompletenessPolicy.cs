namespace Trial.Followup.Instruments;

/// <summary>Whether blank required items are errors (a submission) or allowed (a saved draft).</summary>
public enum CompletenessPolicy
{
    Submission,
    Draft,
}
