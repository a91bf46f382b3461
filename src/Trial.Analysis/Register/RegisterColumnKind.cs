namespace Trial.Analysis.Register;

/// <summary>What an extra register-extract column declared in the plan's <c>register_columns</c> holds per month.</summary>
public enum RegisterColumnKind
{
    /// <summary>0, 1 or empty, like the nine core statuses.</summary>
    Status,

    /// <summary>A non-negative whole number (contacts, bed-days) or empty.</summary>
    Count,
}
