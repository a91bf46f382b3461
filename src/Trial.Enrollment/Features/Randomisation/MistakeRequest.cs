namespace Trial.Enrollment.Features.Randomisation;

/// <param name="Code">ineligible | no-consent | duplicate | other (the default); the only reason exported.</param>
/// <param name="Reason">Optional free text; kept in the identity store with the direct identifiers, never exported.</param>
public sealed record MistakeRequest(string? Reason, string? Code = null);
