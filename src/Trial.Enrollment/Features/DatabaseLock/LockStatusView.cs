namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>The trial's lock stage as the API shows it (instants ISO-8601 UTC).</summary>
public sealed record LockStatusView(string Stage, string? RecruitmentClosedAt, string? RecruitmentReason, string? FollowupLockedAt, string? FollowupReason,
    string? DatabaseLockedAt, string? DatabasePackage);
