using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>
/// Reads and moves the trial's lock stage. Verbs check it inside their own transaction: on PostgreSQL the row is
/// share-locked, so a stage change (which takes it FOR UPDATE) waits for verbs in flight, and verbs after it see the
/// new stage; SQLite's write transactions are already one at a time. Each stage change is audited.
/// </summary>
internal sealed class TrialLocks(TrialDbContext db, AuditTrail audit, IClock clock, Protocol.TrialProtocol protocol)
{
    public static async Task<LockStage> StageAsync(TrialDbContext db, CancellationToken cancellationToken) =>
        (await ReadAsync(db, forUpdate: false, cancellationToken)).Stage;

    /// <summary>Refuses <paramref name="change"/> (409 naming the lock rule) when the trial's stage stops it.</summary>
    public static async Task RequireAsync(TrialDbContext db, LockedChange change, CancellationToken cancellationToken) =>
        LockRules.Require(await StageAsync(db, cancellationToken), change);

    /// <summary>
    /// The stage read as <see cref="RequireAsync"/> reads it (share-locked on PostgreSQL), for a verb that sends it in one
    /// round trip with its own statements; read the row with <see cref="ReadStage"/>. <paramref name="alsoSelect"/>: more
    /// columns of the same row (from column 3 on), so that a verb's other checks cost no statement of their own.
    /// </summary>
    public static string StageStatement(TrialDbContext db, string alsoSelect = "") =>
        "SELECT recruitment_closed_at IS NOT NULL, followup_locked_at IS NOT NULL, database_locked_at IS NOT NULL" +
        (alsoSelect.Length > 0 ? ", " + alsoSelect : "") + " FROM trial_lock WHERE id = 1" + (db.IsPostgres ? " FOR SHARE" : "");

    public static LockStage ReadStage(System.Data.Common.DbDataReader row) =>
        TrialLockRecord.StageOf(row.GetBoolean(0), row.GetBoolean(1), row.GetBoolean(2));

    public async Task<TrialLockRecord> StatusAsync(StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager, StaffRole.Statistician, StaffRole.Auditor, StaffRole.Coordinator);
        return await db.Set<TrialLockRecord>().AsNoTracking().SingleAsync(cancellationToken);
    }

    public Task CloseRecruitmentAsync(StaffUser user, string? reason, CancellationToken cancellationToken) =>
        MoveAsync(user, LockStage.RecruitmentClosed, reason, cancellationToken);

    public Task LockFollowupAsync(StaffUser user, string? reason, CancellationToken cancellationToken) =>
        MoveAsync(user, LockStage.FollowupLocked, reason, cancellationToken);

    private async Task MoveAsync(StaffUser user, LockStage to, string? reasonText, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.TrialManager);
        // Closing the trial is a decision for the whole trial, not for a manager of some centres.
        if (!user.ManagesWholeTrial(protocol))
        {
            throw RejectedException.Forbidden(AccessRefusal.WholeTrial, "Only a trial manager of every centre can close recruitment or lock follow-up.");
        }
        var reason = Participants.RequestFields.Text(reasonText, "reason", 500);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await ReadAsync(db, forUpdate: true, cancellationToken);
        if (row.Stage >= to)
        {
            throw RejectedException.Conflict(LockRules.Code(row.Stage), $"The trial is already at lock stage '{LockRules.Code(row.Stage)}'.");
        }
        if (row.Stage != to - 1)
        {
            throw RejectedException.Conflict("lock-order", $"'{LockRules.Code(to)}' comes after '{LockRules.Code(to - 1)}'; the trial is at '{LockRules.Code(row.Stage)}'.");
        }
        var now = clock.GetCurrentInstant();
        db.Attach(row);
        if (to == LockStage.RecruitmentClosed)
        {
            (row.RecruitmentClosedAt, row.RecruitmentClosedBy, row.RecruitmentReason) = (now, user.UserId, reason);
        }
        else
        {
            (row.FollowupLockedAt, row.FollowupLockedBy, row.FollowupReason) = (now, user.UserId, reason);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, user.UserId, "trial." + LockRules.Code(to), "trial", new { reason }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// `export --lock`: the database lock, after follow-up is locked; recorded with the package it froze, in the same
    /// transaction as the audit entry. Refused (exit 3, nothing written) at any other stage.
    /// </summary>
    public async Task LockDatabaseAsync(string lockedBy, string package, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await ReadAsync(db, forUpdate: true, cancellationToken);
        if (row.Stage != LockStage.FollowupLocked)
        {
            throw RejectedException.Conflict(row.Stage == LockStage.DatabaseLocked ? "database-locked" : "lock-order",
                row.Stage == LockStage.DatabaseLocked
                    ? $"The database was locked at {row.DatabaseLockedAt} by {row.DatabaseLockedBy}."
                    : $"The database lock comes after recruitment is closed and follow-up is locked; the trial is at '{LockRules.Code(row.Stage)}'.");
        }
        db.Attach(row);
        (row.DatabaseLockedAt, row.DatabaseLockedBy, row.DatabasePackage) = (clock.GetCurrentInstant(), lockedBy, package);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, lockedBy, "trial.database-locked", "trial", new { package }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<TrialLockRecord> ReadAsync(TrialDbContext db, bool forUpdate, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return await db.Set<TrialLockRecord>().AsNoTracking().SingleAsync(cancellationToken);
        }
        var rows = forUpdate
            ? db.Set<TrialLockRecord>().FromSql($"SELECT * FROM trial_lock WHERE id = 1 FOR UPDATE")
            : db.Set<TrialLockRecord>().FromSql($"SELECT * FROM trial_lock WHERE id = 1 FOR SHARE");
        return (await rows.AsNoTracking().ToListAsync(cancellationToken)).Single();
    }
}
