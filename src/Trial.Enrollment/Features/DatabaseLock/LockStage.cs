namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>
/// How far the trial is locked. Stages only move forward: recruitment closes, then follow-up locks, then
/// <c>export --lock</c> locks the database. Each stage refuses more (see <see cref="LockRules"/>).
/// </summary>
public enum LockStage
{
    Open,
    RecruitmentClosed,
    FollowupLocked,
    DatabaseLocked,
}
