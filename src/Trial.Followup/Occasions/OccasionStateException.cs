namespace Trial.Followup.Occasions;

/// <summary>A state change was asked of an occasion that is not in a state that allows it.</summary>
public sealed class OccasionStateException(OccasionId occasion, OccasionState? current, string verb)
    : InvalidOperationException(current is { } state
        ? $"Cannot {verb} occasion {occasion}: it is {state.ToString().ToLowerInvariant()}."
        : $"Cannot {verb} occasion {occasion}: no such occasion.")
{
    public OccasionId Occasion { get; } = occasion;

    /// <summary>The state the occasion is in, or null when it does not exist.</summary>
    public OccasionState? Current { get; } = current;
}
