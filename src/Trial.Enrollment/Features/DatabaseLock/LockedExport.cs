using System.Security.Cryptography;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Protocol.Package;

namespace Trial.Enrollment.Features.DatabaseLock;

/// <summary>
/// The database lock as `export --lock` makes it (and the demo): refused before anything is written unless follow-up
/// is locked; then the real export writes the package and the lock records the SHA-256 of the manifest it froze.
/// </summary>
internal sealed class LockedExport(TrialDbContext db, DataPackageExport export, TrialLocks locks)
{
    public async Task<(PackageManifest Manifest, string ManifestSha256)> WriteAsync(string directory, string lockedBy, CancellationToken cancellationToken)
    {
        var stage = await TrialLocks.StageAsync(db, cancellationToken);
        if (stage != LockStage.FollowupLocked)
        {
            throw RejectedException.Conflict(stage == LockStage.DatabaseLocked ? "database-locked" : "lock-order",
                $"export --lock needs the trial at lock stage 'followup-locked' (the trial manager closes recruitment, then locks follow-up); it is at '{LockRules.Code(stage)}'.");
        }
        var manifest = await export.WriteAsync(directory, lockedBy, cancellationToken);
        var manifestSha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "manifest.json"), cancellationToken)));
        await locks.LockDatabaseAsync(lockedBy, $"manifest.json sha256 {manifestSha}", cancellationToken);
        return (manifest, manifestSha);
    }
}
