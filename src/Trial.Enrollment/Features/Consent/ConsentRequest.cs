namespace Trial.Enrollment.Features.Consent;

/// <param name="Decision">given | declined.</param>
/// <param name="RegisterLinkage">Separate consent to linkage with NAV, SSB and NPR registers.</param>
public sealed record ConsentRequest(string? Decision, string? FormVersion, string? ConsentedOn, bool RegisterLinkage = false);
