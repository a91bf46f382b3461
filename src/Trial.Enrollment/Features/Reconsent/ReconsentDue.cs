using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Reconsent;

/// <summary>
/// Who must consent again: a living participant who consented (or was randomised) on a form older than the one in force
/// today, and who has not withdrawn from being contacted or from the use of their data (they are not asked again).
/// The one rule used by the list, the verb and the participant page.
/// </summary>
public static class ReconsentDue
{
    public static bool IsDue(TrialProtocol protocol, ConsentFormVersion? inForce, ParticipantState state, bool died, string? formVersion,
        IEnumerable<WithdrawalScope> withdrawals) =>
        inForce is not null && !died && state is ParticipantState.Consented or ParticipantState.Randomised
        && OlderThan(protocol, formVersion, inForce) && !withdrawals.Any(Excludes);

    /// <summary>Withdrawals after which the participant is not asked to consent again.</summary>
    public static bool Excludes(WithdrawalScope scope) => scope is WithdrawalScope.FollowupContact or WithdrawalScope.DataUse;

    private static bool OlderThan(TrialProtocol protocol, string? formVersion, ConsentFormVersion inForce) =>
        formVersion is not null && protocol.FindConsentForm(formVersion) is { } signed && signed.ValidFrom < inForce.ValidFrom;
}
