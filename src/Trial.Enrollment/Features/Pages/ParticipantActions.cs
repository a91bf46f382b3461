using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// The actions a participant's page offers: exactly those the state machine (<see cref="ParticipantTransitions"/>)
/// allows in the participant's state, for roles that may change participants. Randomisation (by the service or on
/// paper) is also held back after a withdrawal, and withdrawal offers only the scopes not yet withdrawn, as the verbs
/// refuse them. Paper allocation and marking a mistaken randomisation are the trial manager's. What the trial's lock
/// stage stops is not offered. Re-consent is offered only when it is due (<see cref="Reconsent.ReconsentDue"/>).
/// </summary>
public sealed record ParticipantActions(bool Consent, bool Randomise, IReadOnlyList<string> WithdrawScopes, bool Death, bool Baseline = false,
    bool PaperAllocation = false, bool MarkMistaken = false, bool CorrectScreening = false, bool Reconsent = false)
{
    public bool Any => Consent || Randomise || WithdrawScopes.Count > 0 || Death || Baseline || PaperAllocation || MarkMistaken || CorrectScreening || Reconsent;

    /// <param name="stage">The trial's lock stage: what it stops (<see cref="LockRules"/>) is not offered either.</param>
    /// <param name="reconsentDue">Whether the participant consented on an older form than the one in force today.</param>
    public static ParticipantActions For(ParticipantView p, bool mayChange, bool isTrialManager = false, LockStage stage = LockStage.Open,
        bool reconsentDue = false)
    {
        if (!mayChange)
        {
            return new ParticipantActions(false, false, [], false);
        }
        var stored = Enum.Parse<ParticipantState>(p.State);
        var state = ParticipantTransitions.StateOf(stored, p.DiedOn is not null);
        bool Allows(ParticipantVerb verb) => ParticipantTransitions.Allows(state, verb);
        var recruiting = LockRules.Allows(stage, LockedChange.Recruitment);
        var entering = LockRules.Allows(stage, LockedChange.DataEntry);
        return new ParticipantActions(
            Consent: recruiting && (Allows(ParticipantVerb.GiveConsent) || Allows(ParticipantVerb.DeclineConsent)),
            Randomise: recruiting && Allows(ParticipantVerb.Randomise) && p.Withdrawals.Count == 0,
            WithdrawScopes: Allows(ParticipantVerb.Withdraw)
                ? Enum.GetValues<WithdrawalScope>()
                    .Where(s => LockRules.Allows(stage, LockedChange.Withdrawal) || LockRules.AllowedAfterLock(s))
                    .Select(WithdrawalEffects.Code).Where(s => !p.Withdrawals.Contains(s)).ToList()
                : [],
            Death: entering && Allows(ParticipantVerb.RecordDeath),
            Baseline: entering && ParticipantBaseline.Accepts(stored),
            PaperAllocation: recruiting && isTrialManager && Allows(ParticipantVerb.EnterPaperAllocation) && p.Withdrawals.Count == 0,
            MarkMistaken: entering && isTrialManager && Allows(ParticipantVerb.MarkRandomisationMistaken) && !p.Mistaken,
            CorrectScreening: recruiting && Allows(ParticipantVerb.CorrectScreening),
            Reconsent: entering && reconsentDue && Allows(ParticipantVerb.Reconsent));
    }
}
