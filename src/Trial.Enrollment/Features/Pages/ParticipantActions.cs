using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// The actions a participant's page offers: exactly those the state machine (<see cref="ParticipantTransitions"/>)
/// allows in the participant's state, for roles that may change participants. Randomisation (by the service or on
/// paper) is also held back after a withdrawal, and withdrawal offers only the scopes not yet withdrawn, as the verbs
/// refuse them. Paper allocation and marking a mistaken randomisation are the trial manager's.
/// </summary>
public sealed record ParticipantActions(bool Consent, bool Randomise, IReadOnlyList<string> WithdrawScopes, bool Death, bool Baseline = false,
    bool PaperAllocation = false, bool MarkMistaken = false)
{
    public bool Any => Consent || Randomise || WithdrawScopes.Count > 0 || Death || Baseline || PaperAllocation || MarkMistaken;

    public static ParticipantActions For(ParticipantView p, bool mayChange, bool isTrialManager = false)
    {
        if (!mayChange)
        {
            return new ParticipantActions(false, false, [], false);
        }
        var stored = Enum.Parse<ParticipantState>(p.State);
        var state = ParticipantTransitions.StateOf(stored, p.DiedOn is not null);
        bool Allows(ParticipantVerb verb) => ParticipantTransitions.Allows(state, verb);
        return new ParticipantActions(
            Consent: Allows(ParticipantVerb.GiveConsent) || Allows(ParticipantVerb.DeclineConsent),
            Randomise: Allows(ParticipantVerb.Randomise) && p.Withdrawals.Count == 0,
            WithdrawScopes: Allows(ParticipantVerb.Withdraw)
                ? Enum.GetValues<WithdrawalScope>().Select(WithdrawalEffects.Code).Where(s => !p.Withdrawals.Contains(s)).ToList()
                : [],
            Death: Allows(ParticipantVerb.RecordDeath),
            Baseline: ParticipantBaseline.Accepts(stored),
            PaperAllocation: isTrialManager && Allows(ParticipantVerb.EnterPaperAllocation) && p.Withdrawals.Count == 0,
            MarkMistaken: isTrialManager && Allows(ParticipantVerb.MarkRandomisationMistaken) && !p.Mistaken);
    }
}
