namespace Trial.Followup.Occasions;

/// <summary>The text stored in occasion.state for each <see cref="OccasionState"/>.</summary>
internal static class OccasionStateCodes
{
    public const string Pending = "pending";
    public const string Invited = "invited";
    public const string Reminded = "reminded";
    public const string Completed = "completed";
    public const string Missed = "missed";
    public const string Cancelled = "cancelled";

    /// <summary>SQL list of the states in which an occasion still expects an answer.</summary>
    public const string OpenList = "('pending','invited','reminded')";

    /// <summary>SQL list of the states in which an invitation has gone out and no answer has come.</summary>
    public const string ContactedList = "('invited','reminded')";

    public static OccasionState Parse(string code) => code switch
    {
        Pending => OccasionState.Pending,
        Invited => OccasionState.Invited,
        Reminded => OccasionState.Reminded,
        Completed => OccasionState.Completed,
        Missed => OccasionState.Missed,
        Cancelled => OccasionState.Cancelled,
        _ => throw new InvalidOperationException($"Unknown occasion state '{code}' in the database."),
    };
}
