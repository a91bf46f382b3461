using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>
/// The lock's rules, in one place: which kind of change each stage stops. Recruitment closed stops new people
/// (screening, consent, randomisation, paper allocation); follow-up locked also stops data entry (baseline answers,
/// follow-up answers, deaths, mistaken marks); the database lock also stops withdrawals, except a data-use withdrawal,
/// which a participant may still make and which the analysis must honour by a new package.
/// </summary>
public enum LockedChange
{
    Recruitment,
    DataEntry,
    Withdrawal,
}

public static class LockRules
{
    public static LockStage StoppedFrom(LockedChange change) => change switch
    {
        LockedChange.Recruitment => LockStage.RecruitmentClosed,
        LockedChange.DataEntry => LockStage.FollowupLocked,
        LockedChange.Withdrawal => LockStage.DatabaseLocked,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

    public static bool AllowedAfterLock(WithdrawalScope scope) => scope == WithdrawalScope.DataUse;

    public static string Code(LockStage stage) => stage switch
    {
        LockStage.RecruitmentClosed => "recruitment-closed",
        LockStage.FollowupLocked => "followup-locked",
        LockStage.DatabaseLocked => "database-locked",
        _ => "open",
    };

    /// <summary>Whether the trial's stage still lets <paramref name="change"/> happen (pages offer only such actions).</summary>
    public static bool Allows(LockStage current, LockedChange change) => current < StoppedFrom(change);

    /// <summary>Refuses <paramref name="change"/> when the trial's stage stops it, naming the rule.</summary>
    public static void Require(LockStage current, LockedChange change)
    {
        if (Allows(current, change))
        {
            return;
        }
        var what = change switch
        {
            LockedChange.Recruitment => "Recruitment is closed: no screening, consent or randomisation",
            LockedChange.DataEntry => "Follow-up is locked: no data entry",
            _ => "The database is locked: only data-use withdrawals are recorded",
        };
        throw RejectedException.Conflict(Code(current), $"{what} (lock stage '{Code(current)}').");
    }
}
