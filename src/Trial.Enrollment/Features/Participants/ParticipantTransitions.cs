using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.Participants;

/// <summary>
/// The participant state machine as one table: for every (state, verb) pair, the state after it or the rule that
/// refuses it. The verbs call <see cref="Require"/> before writing anything; the tests are generated from
/// <see cref="Table"/>. Dates are checked by the verbs themselves (e.g. a withdrawal may not be dated after a death).
/// </summary>
public static class ParticipantTransitions
{
    private static readonly Transition NotConsented = Transition.Refused("not-consented", "The participant has not consented.");
    private static readonly Transition NotEligible = Transition.Refused("not-eligible", "The participant was screened ineligible.");
    private static readonly Transition Declined = Transition.Refused("declined-consent", "The participant declined consent.");
    private static readonly Transition ConsentRecorded = Transition.Refused("consent-already-recorded", "Consent has already been recorded for this participant.");
    private static readonly Transition NotRandomised = Transition.Refused("not-randomised", "The participant has not been randomised.");
    private static readonly Transition AlreadyRandomised = Transition.Refused("already-randomised", "The participant has already been randomised.");
    private static readonly Transition Died = Transition.Refused("died", "A death is recorded for the participant.");
    private static readonly Transition DeathRecorded = Transition.Refused("death-already-recorded", "A death is already recorded for the participant.");
    // Randomisation cannot be undone by changing the answers that led to it; a wrong inclusion is marked mistaken instead.
    private static readonly Transition ScreeningFinal = Transition.Refused("screening-final-after-randomisation",
        "The participant has been randomised: the screening can no longer be corrected, as randomisation cannot be undone by a correction. "
        + "The trial manager can mark the randomisation as mistaken.");

    public static IReadOnlyDictionary<(LifecycleState State, ParticipantVerb Verb), Transition> Table { get; } = Build();

    private static Dictionary<(LifecycleState, ParticipantVerb), Transition> Build()
    {
        var table = new Dictionary<(LifecycleState, ParticipantVerb), Transition>();
        void Row(LifecycleState state, Transition consent, Transition decline, Transition randomise, Transition paper, Transition withdraw,
            Transition death, Transition mistaken, Transition correct, Transition reconsent)
        {
            table[(state, ParticipantVerb.GiveConsent)] = consent;
            table[(state, ParticipantVerb.DeclineConsent)] = decline;
            table[(state, ParticipantVerb.Randomise)] = randomise;
            table[(state, ParticipantVerb.EnterPaperAllocation)] = paper;
            table[(state, ParticipantVerb.Withdraw)] = withdraw;
            table[(state, ParticipantVerb.RecordDeath)] = death;
            table[(state, ParticipantVerb.MarkRandomisationMistaken)] = mistaken;
            table[(state, ParticipantVerb.CorrectScreening)] = correct;
            table[(state, ParticipantVerb.Reconsent)] = reconsent;
        }

        var toRandomised = Transition.To(LifecycleState.Randomised);
        // A correction before randomisation evaluates eligibility again: an excluded person may become eligible (and must
        // then consent), an eligible or consented one may be excluded (the consent no longer leads anywhere).
        var reEvaluate = Transition.ReEvaluated(LifecycleState.Eligible);
        // Columns: give consent, decline consent, randomise, paper allocation, withdraw, record death, mark mistaken,
        // correct screening, re-consent.
        Row(LifecycleState.Eligible, Transition.To(LifecycleState.Consented), Transition.To(LifecycleState.DeclinedConsent), NotConsented, NotConsented, NotConsented,
            NotConsented, NotRandomised, reEvaluate, NotConsented);
        Row(LifecycleState.Ineligible, NotEligible, NotEligible, NotEligible, NotEligible, NotEligible, NotEligible, NotRandomised, reEvaluate, NotEligible);
        Row(LifecycleState.Consented, ConsentRecorded, ConsentRecorded, toRandomised, toRandomised, Transition.To(LifecycleState.Consented),
            Transition.To(LifecycleState.DiedBeforeRandomisation), NotRandomised, Transition.ReEvaluated(LifecycleState.Consented),
            Transition.To(LifecycleState.Consented));
        Row(LifecycleState.DeclinedConsent, ConsentRecorded, ConsentRecorded, Declined, Declined, Declined, Declined, NotRandomised,
            Transition.ReEvaluated(LifecycleState.DeclinedConsent), Declined);
        Row(LifecycleState.Randomised, ConsentRecorded, ConsentRecorded, AlreadyRandomised, AlreadyRandomised, Transition.To(LifecycleState.Randomised),
            Transition.To(LifecycleState.DiedAfterRandomisation), Transition.To(LifecycleState.Randomised), ScreeningFinal,
            Transition.To(LifecycleState.Randomised));
        // A withdrawal made in life may be recorded after the death (dated no later than it); mistakes are found late too.
        Row(LifecycleState.DiedBeforeRandomisation, Died, Died, Died, Died, Transition.To(LifecycleState.DiedBeforeRandomisation), DeathRecorded, NotRandomised,
            Died, Died);
        Row(LifecycleState.DiedAfterRandomisation, Died, Died, AlreadyRandomised, AlreadyRandomised, Transition.To(LifecycleState.DiedAfterRandomisation), DeathRecorded,
            Transition.To(LifecycleState.DiedAfterRandomisation), ScreeningFinal, Died);
        return table;
    }

    internal static LifecycleState StateOf(ParticipantRecord participant) => StateOf(participant.State, participant.DiedOn is not null);

    /// <summary>The table's state for a stored state and whether a death is recorded (pages use it to offer only allowed verbs).</summary>
    public static LifecycleState StateOf(ParticipantState state, bool died) => (state, died) switch
    {
        (ParticipantState.Randomised, true) => LifecycleState.DiedAfterRandomisation,
        (_, true) => LifecycleState.DiedBeforeRandomisation,
        (ParticipantState.Eligible, _) => LifecycleState.Eligible,
        (ParticipantState.Ineligible, _) => LifecycleState.Ineligible,
        (ParticipantState.Consented, _) => LifecycleState.Consented,
        (ParticipantState.DeclinedConsent, _) => LifecycleState.DeclinedConsent,
        _ => LifecycleState.Randomised,
    };

    /// <summary>Whether the table lets <paramref name="verb"/> happen in <paramref name="state"/>.</summary>
    public static bool Allows(LifecycleState state, ParticipantVerb verb) => Table[(state, verb)].Target is not null;

    /// <summary>The state after <paramref name="verb"/>, or a 409 naming the rule. Call before writing anything.</summary>
    internal static LifecycleState Require(ParticipantRecord participant, ParticipantVerb verb) => RequireTransition(participant, verb).Target!.Value;

    /// <summary>The allowed cell (for a verb with more than one outcome), or a 409 naming the rule.</summary>
    internal static Transition RequireTransition(ParticipantRecord participant, ParticipantVerb verb)
    {
        var transition = Table[(StateOf(participant), verb)];
        return transition.Allowed ? transition : throw RejectedException.Conflict(transition.RefusalCode!, transition.RefusalReason!);
    }

    /// <summary>The stored state for a table state before a death (the verbs that use it cannot be applied after one).</summary>
    internal static ParticipantState Stored(LifecycleState state) => state switch
    {
        LifecycleState.Eligible => ParticipantState.Eligible,
        LifecycleState.Ineligible => ParticipantState.Ineligible,
        LifecycleState.Consented => ParticipantState.Consented,
        LifecycleState.DeclinedConsent => ParticipantState.DeclinedConsent,
        LifecycleState.Randomised => ParticipantState.Randomised,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A death is recorded beside the state, not as one."),
    };
}
