using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Re-encrypts the allocation seed under a new key, in one transaction with an audit entry. The procedure: create the
/// new key file, run `trial-enrollment seed rotate-key --new-key-file NEW` with the current key still configured, then
/// point Trial:SeedKeyFile (or the variable) at the new key and restart; destroy the old key after a backup cycle.
/// </summary>
internal static class SeedKeyRotation
{
    public static async Task<string> RotateAsync(TrialDbContext db, SeedProtection current, AuditTrail audit, byte[] newKey, string actor,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await db.AllocationSeeds.SingleOrDefaultAsync(cancellationToken)
                     ?? throw RejectedException.Conflict("no-allocation-seed", "There is no allocation seed to re-encrypt.");
        var seed = current.Unprotect(record.Seed, record.KeyId);
        var from = record.KeyId ?? "(plain)";
        record.Seed = SeedProtection.Protect(seed, newKey);
        record.KeyId = SeedProtection.IdOf(newKey);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, actor, "allocation.seed-key-rotated", "allocation", new { from, to = record.KeyId },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record.KeyId;
    }
}
