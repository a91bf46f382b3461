namespace Trial.Followup.Questionnaires.Participants;

/// <summary>What the form page confirms above the questions.</summary>
internal enum FormBanner
{
    None,
    Saved,
}
