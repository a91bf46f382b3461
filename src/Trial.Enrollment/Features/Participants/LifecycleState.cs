namespace Trial.Enrollment.Features.Participants;

/// <summary>
/// The state the transition table is keyed on: the stored <see cref="ParticipantState"/> combined with a recorded
/// death, which is absorbing. A death can only be recorded for someone who consented.
/// </summary>
public enum LifecycleState
{
    Eligible,
    Ineligible,
    Consented,
    DeclinedConsent,
    Randomised,
    DiedBeforeRandomisation,
    DiedAfterRandomisation,
}
