using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// What the one-time re-chain to hash version 2 recorded in its own (hash-chained) entry: the trail head before it,
/// which is what <c>audit verify --expect</c> checked until then, and the last entry it covered.
/// </summary>
internal sealed record HashUpgradeRecord(long EntryId, Instant At, string FormerHead, long FormerEntries, long LastFormerId)
{
    public const string Action = "audit.hash-upgraded";

    public static async Task<HashUpgradeRecord?> ReadAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == Action).OrderBy(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return null;
        }
        using var payload = JsonDocument.Parse(entry.Payload);
        var p = payload.RootElement;
        return new HashUpgradeRecord(entry.Id, entry.At, p.GetProperty("formerTrailHead").GetString()!, p.GetProperty("formerEntries").GetInt64(),
            p.GetProperty("lastFormerId").GetInt64());
    }

    public object Payload => new { hashVersion = AuditHash.Current, formerTrailHead = FormerHead, formerEntries = FormerEntries, lastFormerId = LastFormerId };
}
