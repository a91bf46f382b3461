namespace Trial.Enrollment.Features.Participants;

/// <summary>One cell of the transition table: allowed (with the state after it) or refused (with the rule's code and why).</summary>
public sealed record Transition(LifecycleState? Target, string? RefusalCode, string? RefusalReason)
{
    public bool Allowed => Target is not null;

    /// <summary>
    /// For a verb that evaluates eligibility again (a screening correction): the state when the person is then found
    /// ineligible. <see cref="Target"/> is the state when they are eligible. Null for every other verb.
    /// </summary>
    public LifecycleState? IfIneligible { get; init; }

    public static Transition To(LifecycleState target) => new(target, null, null);

    /// <summary>To <paramref name="eligible"/>, or to <see cref="LifecycleState.Ineligible"/> if the re-evaluation excludes the person.</summary>
    public static Transition ReEvaluated(LifecycleState eligible) => new(eligible, null, null) { IfIneligible = LifecycleState.Ineligible };

    public static Transition Refused(string code, string reason) => new(null, code, reason);
}
