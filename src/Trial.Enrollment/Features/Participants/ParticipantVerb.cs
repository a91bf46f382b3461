namespace Trial.Enrollment.Features.Participants;

/// <summary>Every change that can be made to a participant. Each is checked against <see cref="ParticipantTransitions"/>.</summary>
public enum ParticipantVerb
{
    GiveConsent,
    DeclineConsent,
    Randomise,
    /// <summary>Trial manager only: enter an allocation made earlier on paper under the emergency procedure.</summary>
    EnterPaperAllocation,
    Withdraw,
    RecordDeath,
    MarkRandomisationMistaken,
}
