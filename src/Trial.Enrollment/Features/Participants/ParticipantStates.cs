namespace Trial.Enrollment.Features.Participants;

/// <summary>State codes as the API and the list filter write them ("declined-consent"); pages show words for them.</summary>
public static class ParticipantStates
{
    public static string Code(ParticipantState state) => state switch
    {
        ParticipantState.Eligible => "eligible",
        ParticipantState.Ineligible => "ineligible",
        ParticipantState.Consented => "consented",
        ParticipantState.DeclinedConsent => "declined-consent",
        _ => "randomised",
    };
}
