using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// The actions a participant's page offers, from the participant's state: consent only while eligible, randomisation
/// only after consent and before any withdrawal or death, withdrawal by the scopes not yet withdrawn, death once.
/// The verbs check the same rules again; this only keeps impossible buttons off the page.
/// </summary>
public sealed record ParticipantActions(bool Consent, bool Randomise, IReadOnlyList<string> WithdrawScopes, bool Death)
{
    public bool Any => Consent || Randomise || WithdrawScopes.Count > 0 || Death;

    public static ParticipantActions For(ParticipantView p, bool mayChange)
    {
        if (!mayChange || p.DiedOn is not null)
        {
            return new ParticipantActions(false, false, [], false);
        }
        var state = Enum.Parse<ParticipantState>(p.State);
        var enrolled = state is ParticipantState.Consented or ParticipantState.Randomised;
        var scopes = enrolled
            ? Enum.GetValues<WithdrawalScope>().Select(WithdrawalEffects.Code).Where(s => !p.Withdrawals.Contains(s)).ToList()
            : [];
        return new ParticipantActions(
            Consent: state == ParticipantState.Eligible,
            Randomise: state == ParticipantState.Consented && p.Withdrawals.Count == 0,
            WithdrawScopes: scopes,
            Death: enrolled);
    }
}
