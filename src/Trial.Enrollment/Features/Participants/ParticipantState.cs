namespace Trial.Enrollment.Features.Participants;

/// <summary>Where a screened person is on the way to randomisation. Withdrawal and death are recorded beside it.</summary>
public enum ParticipantState
{
    Eligible,
    Ineligible,
    Consented,
    DeclinedConsent,
    Randomised,
}
