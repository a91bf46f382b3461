namespace Trial.Enrollment.Features.Randomisation;

/// <param name="Arm">The arm written on the paper allocation.</param>
/// <param name="RandomisedOn">The date of the paper allocation (yyyy-MM-dd, the trial's zone); picks the period recorded.</param>
/// <param name="Reason">Why the service was not used (e.g. outage); kept in the audit trail.</param>
public sealed record PaperAllocationRequest(string? Arm, string? RandomisedOn, string? Reason);
