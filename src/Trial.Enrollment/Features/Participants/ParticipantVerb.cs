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
    /// <summary>Correct wrongly entered screening answers before randomisation; eligibility is evaluated again.</summary>
    CorrectScreening,
    /// <summary>Record consent on a newer consent form version that came into force after the participant consented.</summary>
    Reconsent,
}
