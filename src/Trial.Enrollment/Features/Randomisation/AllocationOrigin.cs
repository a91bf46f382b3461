namespace Trial.Enrollment.Features.Randomisation;

public enum AllocationOrigin
{
    /// <summary>Allocated by this request (201).</summary>
    Created,
    /// <summary>The same idempotency key was used before; the first allocation is returned (200).</summary>
    Replayed,
}
