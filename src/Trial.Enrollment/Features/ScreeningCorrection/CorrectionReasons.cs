namespace Trial.Enrollment.Features.ScreeningCorrection;

/// <summary>
/// Why a screening was corrected, as a code: the only reason kept in the research store and the audit trail. The
/// coordinator's own words go to the identity store's notes. Pages show each code in words (correction.reason.*).
/// </summary>
public static class CorrectionReasons
{
    /// <summary>An answer was entered wrongly (a slip at the keyboard or a misread answer).</summary>
    public const string EntryError = "entry-error";

    /// <summary>Information that was not available at the screening conversation came to light afterwards.</summary>
    public const string NewInformation = "new-information";

    public const string Other = "other";

    public static readonly string[] Codes = [EntryError, NewInformation, Other];
}
