namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Why a randomisation was a mistake, as a code: the only reason that travels to the research store and the data
/// package (participants.csv mistaken_reason; protocol/data-package.schema.yaml lists the same codes).
/// </summary>
internal static class MistakeReasons
{
    public const string Other = "other";

    public static readonly string[] Codes = ["ineligible", "no-consent", "duplicate", Other];
}
