namespace Trial.Followup.Questionnaires.Participants;

/// <summary>What happened to a participant's page request. Every outcome but Stored and Saved wrote nothing.</summary>
public enum ParticipantOutcome
{
    /// <summary>The form can be shown (GET), with the saved draft if any.</summary>
    Ready,
    Saved,
    Stored,
    /// <summary>The same submission arrived again (double click, retry): nothing new stored, same thank-you page.</summary>
    AlreadyReceived,
    Invalid,
    LinkUnknown,
    LinkExpired,
    LinkUsed,
    OccasionClosed,
}
