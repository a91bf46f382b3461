namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Why an allocation was made on paper, as a code: the only reason kept in the research store and the audit trail. The
/// trial manager's own words, which may name the person or the staff, go to the identity store as a sealed note.
/// </summary>
internal static class PaperReasons
{
    /// <summary>Also what paper allocations entered before codes existed hold, their words having moved to the notes.</summary>
    public const string Other = "other";

    public static readonly string[] Codes = ["service-unavailable", "no-connection", Other];
}
