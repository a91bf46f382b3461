using NodaTime;

namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>The one row (Id = 1) of the trial's lock stages; each is set once, in order, and a trigger keeps it set.</summary>
internal sealed class TrialLockRecord
{
    public int Id { get; set; }
    public Instant? RecruitmentClosedAt { get; set; }
    public string? RecruitmentClosedBy { get; set; }
    public string? RecruitmentReason { get; set; }
    public Instant? FollowupLockedAt { get; set; }
    public string? FollowupLockedBy { get; set; }
    public string? FollowupReason { get; set; }
    public Instant? DatabaseLockedAt { get; set; }
    public string? DatabaseLockedBy { get; set; }
    /// <summary>The locked package's manifest hash or folder, so the lock names what it froze.</summary>
    public string? DatabasePackage { get; set; }

    public LockStage Stage => StageOf(RecruitmentClosedAt is not null, FollowupLockedAt is not null, DatabaseLockedAt is not null);

    public static LockStage StageOf(bool recruitmentClosed, bool followupLocked, bool databaseLocked) =>
        databaseLocked ? LockStage.DatabaseLocked
        : followupLocked ? LockStage.FollowupLocked
        : recruitmentClosed ? LockStage.RecruitmentClosed
        : LockStage.Open;
}
