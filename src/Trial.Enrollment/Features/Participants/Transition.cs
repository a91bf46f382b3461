namespace Trial.Enrollment.Features.Participants;

/// <summary>One cell of the transition table: allowed (with the state after it) or refused (with the rule's code and why).</summary>
public sealed record Transition(LifecycleState? Target, string? RefusalCode, string? RefusalReason)
{
    public bool Allowed => Target is not null;

    public static Transition To(LifecycleState target) => new(target, null, null);

    public static Transition Refused(string code, string reason) => new(null, code, reason);
}
