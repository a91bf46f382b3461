using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// The statistician's seed: set once (a check constraint allows one row), cached after the first read because it never
/// changes. Only its SHA-256 is recorded with each randomisation and in the audit trail.
/// </summary>
internal sealed class AllocationSeeds(TrialProtocol protocol, SeedProtection protection)
{
    private LoadedSeed? _loaded;

    public async Task<LoadedSeed?> FindAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded) is { } loaded)
        {
            return loaded;
        }
        var record = await db.AllocationSeeds.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }
        Volatile.Write(ref _loaded, new LoadedSeed(record.SeedSha256, new AllocationSequence(protection.Unprotect(record.Seed, record.KeyId), protocol.Blocks)));
        return _loaded;
    }

    /// <summary>
    /// Stores the seed (random 32 bytes unless given) encrypted, and returns it hex-encoded. Callers show it only in demo
    /// mode; the API returns its hash, and the statistician reproduces the sequence through the sequence listing.
    /// </summary>
    public async Task<string> SetAsync(TrialDbContext db, AuditTrail audit, TrialCalendar calendar, StaffUser user, string? seedHex,
        CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Statistician);
        byte[] seed;
        try
        {
            seed = seedHex is null ? RandomNumberGenerator.GetBytes(32) : Convert.FromHexString(seedHex);
        }
        catch (FormatException)
        {
            throw RejectedException.Invalid("seedHex", "hex", "The seed is hexadecimal.");
        }
        if (seed.Length < 16)
        {
            throw RejectedException.Invalid("seedHex", "seed-length", "A seed has at least 16 bytes (32 hex digits).");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.AllocationSeeds.AnyAsync(cancellationToken))
        {
            throw RejectedException.Conflict("seed-already-set", "The allocation seed is set once and never replaced.");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(seed));
        db.AllocationSeeds.Add(new AllocationSeedRecord
        {
            Id = 1, Seed = protection.Protect(seed), KeyId = protection.KeyId, SeedSha256 = sha, SetBy = user.UserId, SetAt = calendar.Now,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, user.UserId, "allocation.seed-set", "allocation", new { seedSha256 = sha }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Convert.ToHexStringLower(seed);
    }
}
