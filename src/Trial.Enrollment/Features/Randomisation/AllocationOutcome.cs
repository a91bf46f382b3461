namespace Trial.Enrollment.Features.Randomisation;

/// <summary>An allocation, and whether it was made now or returned for a retried idempotency key.</summary>
public sealed record AllocationOutcome(AllocationResponse Allocation, AllocationOrigin Origin);
