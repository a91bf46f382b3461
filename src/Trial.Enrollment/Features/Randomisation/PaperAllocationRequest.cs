namespace Trial.Enrollment.Features.Randomisation;

/// <param name="Arm">The arm written on the paper allocation.</param>
/// <param name="RandomisedOn">The date of the paper allocation (yyyy-MM-dd, the trial's zone); picks the period recorded.</param>
/// <param name="Reason">Why the service was not used, in the manager's words; kept sealed in the identity store, never in research data.</param>
/// <param name="Code">Why, as a code (service-unavailable, no-connection, other; default other): what research data and the audit hold.</param>
public sealed record PaperAllocationRequest(string? Arm, string? RandomisedOn, string? Reason, string? Code = null);
