using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Recomputes every chain, then replays the trail against the tables (<see cref="StateReplay"/>) and, given a head kept
/// elsewhere, checks the trail still reaches it (<see cref="TrailHead"/>). A changed column breaks that entry's hash, a deleted entry leaves a gap in the numbers or
/// a broken link, and a deleted last entry no longer matches the chain head. Streams, so large trails fit in memory.
/// </summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(TrialDbContext db, CancellationToken cancellationToken, string? expectedHead = null)
    {
        var problems = new List<string>();
        var heads = await db.AuditChains.AsNoTracking().ToDictionaryAsync(c => c.Chain, cancellationToken);
        var seen = new Dictionary<string, (long Seq, string Hash)>();
        long count = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Chain).ThenBy(e => e.ChainSeq).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            count++;
            var (lastSeq, lastHash) = seen.GetValueOrDefault(e.Chain, (0, AuditHash.Genesis));
            if (e.ChainSeq != lastSeq + 1)
            {
                problems.Add($"chain '{e.Chain}': entries {lastSeq + 1}..{e.ChainSeq - 1} are missing (deleted).");
            }
            else if (e.PreviousHash != lastHash)
            {
                problems.Add($"chain '{e.Chain}' entry {e.ChainSeq}: previous-hash does not match entry {lastSeq}.");
            }
            if (AuditHash.Compute(e) != e.Hash)
            {
                problems.Add($"chain '{e.Chain}' entry {e.ChainSeq} (id {e.Id}): content does not match its hash (edited).");
            }
            seen[e.Chain] = (e.ChainSeq, e.Hash);
        }
        foreach (var head in heads.Values)
        {
            var (lastSeq, lastHash) = seen.GetValueOrDefault(head.Chain, (0, AuditHash.Genesis));
            if (lastSeq != head.LastSeq || lastHash != head.LastHash)
            {
                problems.Add($"chain '{head.Chain}': head records entry {head.LastSeq} but the trail ends at {lastSeq} (entries deleted or head edited).");
            }
        }
        foreach (var chain in seen.Keys.Where(c => !heads.ContainsKey(c)))
        {
            problems.Add($"chain '{chain}': has entries but no head row.");
        }
        problems.AddRange(await StateReplay.CompareAsync(db, cancellationToken));
        var (trailHead, _, reached) = await TrailHead.WalkAsync(db, expectedHead, cancellationToken);
        if (!reached)
        {
            problems.Add($"the kept head {expectedHead} is not a head this trail ever had: entries were changed, removed or recomputed after it was taken.");
        }
        return new AuditVerification(heads.Count, count, problems, heads.ToDictionary(h => h.Key, h => h.Value.LastHash), trailHead);
    }
}
