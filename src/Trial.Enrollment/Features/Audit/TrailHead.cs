using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// One hash for the whole trail, to keep outside the database (the export manifest records it): SHA-256 folded over
/// every entry's hash in insertion order. A trail that was recomputed after the head was taken no longer reaches it.
/// Take it while no change is in flight (as the export does), so insertion order equals commit order.
/// </summary>
internal static class TrailHead
{
    public static string Fold(string previous, string entryHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(previous + entryHash)));

    /// <summary>The head now, and whether <paramref name="expected"/> was the head at some point of the trail's history.</summary>
    public static async Task<(string Head, long Entries, bool Reached)> WalkAsync(TrialDbContext db, string? expected, CancellationToken cancellationToken)
    {
        var head = AuditHash.Genesis;
        long entries = 0;
        var reached = expected is null || string.Equals(expected, head, StringComparison.OrdinalIgnoreCase);
        await foreach (var hash in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Hash).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            head = Fold(head, hash);
            entries++;
            reached = reached || string.Equals(expected, head, StringComparison.OrdinalIgnoreCase);
        }
        return (head, entries, reached);
    }
}
