using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Recomputes every chain: a changed column breaks that entry's hash, a changed version-2 payload no longer matches its
/// digest (unless it is a listed redaction), a deleted entry leaves a gap in the numbers or a broken link, and a deleted
/// last entry no longer matches the chain head. Streams, so large trails fit in memory. Used by verify and, before it
/// re-chains anything, by the hash upgrade, so a broken trail is never re-hashed into an intact-looking one.
/// </summary>
internal sealed record ChainCheck(IReadOnlyDictionary<string, AuditChainRecord> Heads, long Entries, int Redacted, IReadOnlyList<AuditProblem> Problems)
{
    public static async Task<ChainCheck> RunAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var problems = new List<AuditProblem>();
        var heads = await db.AuditChains.AsNoTracking().ToDictionaryAsync(c => c.Chain, cancellationToken);
        var redactions = await AuditRedactions.ReadAsync(db, cancellationToken);
        var seen = new Dictionary<string, (long Seq, string Hash)>();
        long count = 0;
        var redacted = 0;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Chain).ThenBy(e => e.ChainSeq).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            count++;
            var (lastSeq, lastHash) = seen.GetValueOrDefault(e.Chain, (0, AuditHash.Genesis));
            if (e.ChainSeq != lastSeq + 1)
            {
                problems.Add(AuditProblem.Of(AuditProblemKind.EntriesMissing, e.Chain, lastSeq + 1, e.ChainSeq - 1));
            }
            else if (e.PreviousHash != lastHash)
            {
                problems.Add(AuditProblem.Of(AuditProblemKind.PreviousHashMismatch, e.Chain, e.ChainSeq, lastSeq));
            }
            if (AuditHash.Compute(e) != e.Hash)
            {
                problems.Add(AuditProblem.Of(AuditProblemKind.EntryEdited, e.Chain, e.ChainSeq, e.Id));
            }
            else if (e.HashVersion >= 2 && AuditHash.Digest(e.Payload) != e.PayloadDigest)
            {
                if (redactions.Covers(e))
                {
                    redacted++;
                }
                else
                {
                    problems.Add(AuditProblem.Of(AuditProblemKind.PayloadEdited, e.Chain, e.ChainSeq, e.Id));
                }
            }
            seen[e.Chain] = (e.ChainSeq, e.Hash);
        }
        foreach (var head in heads.Values)
        {
            var (lastSeq, lastHash) = seen.GetValueOrDefault(head.Chain, (0, AuditHash.Genesis));
            if (lastSeq != head.LastSeq || lastHash != head.LastHash)
            {
                problems.Add(AuditProblem.Of(AuditProblemKind.HeadMismatch, head.Chain, head.LastSeq, lastSeq));
            }
        }
        foreach (var chain in seen.Keys.Where(c => !heads.ContainsKey(c)))
        {
            problems.Add(AuditProblem.Of(AuditProblemKind.HeadMissing, chain));
        }
        return new ChainCheck(heads, count, redacted, problems);
    }
}
