namespace Trial.Enrollment.Features.DatabaseLock;

public sealed record LockRequest(string? Reason);
