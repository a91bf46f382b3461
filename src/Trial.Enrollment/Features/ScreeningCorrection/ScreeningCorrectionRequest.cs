namespace Trial.Enrollment.Features.ScreeningCorrection;

/// <param name="ReasonCode">entry-error | new-information | other: the only reason kept with the research data.</param>
/// <param name="Answers">The corrected answer to every yes/no criterion of the protocol, as at screening.</param>
/// <param name="Severity">severe | moderate; left out keeps the recorded value.</param>
/// <param name="Education">primary | upper-secondary-basic | upper-secondary | higher; left out keeps the recorded value.</param>
/// <param name="Note">Optional free text; kept in the identity store with the direct identifiers, never in research data.</param>
public sealed record ScreeningCorrectionRequest(
    string? ReasonCode,
    Dictionary<string, bool>? Answers,
    string? Severity = null,
    string? Education = null,
    string? Note = null);
