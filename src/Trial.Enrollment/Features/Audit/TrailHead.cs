using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// One hash for the whole trail, to keep outside the database (the export manifest records it): SHA-256 folded over
/// every entry's hash in insertion order. A trail that was recomputed after the head was taken no longer reaches it.
/// Take it while no change is in flight (as the export does), so insertion order equals commit order.
/// The re-chain to hash version 2 gave every old entry a new hash; folding their former hashes up to the last entry the
/// upgrade covered gives back every head the trail had before it, which must end at the head the upgrade recorded.
/// </summary>
internal static class TrailHead
{
    public static string Fold(string previous, string entryHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(previous + entryHash)));

    /// <param name="Head">The head now.</param>
    /// <param name="Reached">Whether the expected head was the head at some point of the trail's history as it is hashed now.</param>
    /// <param name="ReachedBeforeUpgrade">Whether it was a head before the hash-v2 upgrade (former hashes).</param>
    /// <param name="FormerHead">The fold of the former hashes up to the upgrade's last entry (null without an upgrade).</param>
    public sealed record Walk(string Head, long Entries, bool Reached, bool ReachedBeforeUpgrade, string? FormerHead);

    public static async Task<Walk> WalkAsync(TrialDbContext db, string? expected, CancellationToken cancellationToken, HashUpgradeRecord? upgrade = null)
    {
        var head = AuditHash.Genesis;
        var former = AuditHash.Genesis;
        long entries = 0;
        var reached = expected is null || Same(expected, head);
        var reachedBefore = false;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Hash, e.FormerHash })
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            head = Fold(head, e.Hash);
            entries++;
            reached = reached || Same(expected, head);
            if (upgrade is not null && e.Id <= upgrade.LastFormerId)
            {
                former = Fold(former, e.FormerHash ?? e.Hash);
                reachedBefore = reachedBefore || Same(expected, former);
            }
        }
        return new Walk(head, entries, reached, reachedBefore, upgrade is null ? null : former);
    }

    private static bool Same(string? expected, string head) => string.Equals(expected, head, StringComparison.OrdinalIgnoreCase);
}
