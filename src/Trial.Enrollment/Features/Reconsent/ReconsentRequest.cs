namespace Trial.Enrollment.Features.Reconsent;

/// <param name="FormVersion">The consent form version the participant signed: must be the one in force on the service's date.
/// The date is the service's own; it is not sent.</param>
public sealed record ReconsentRequest(string? FormVersion);
