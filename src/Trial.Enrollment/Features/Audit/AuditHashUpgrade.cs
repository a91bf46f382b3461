using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// At start, once, in one transaction (a stop midway leaves the trail as it was, and the next start does it all):
/// re-chains every entry from the first version-1 entry of each chain as hash version 2, keeping its old hash beside
/// the new one, and records the trail head of before (what <c>audit verify --expect</c> checked) in an
/// <see cref="HashUpgradeRecord.Action"/> entry; then redacts the words earlier releases audited
/// (<see cref="AuditFreeTextFields"/>; the words themselves were moved to the sealed identity notes) and lists each
/// redaction in an <see cref="AuditRedactions.Action"/> entry. A trail that does not verify is never re-chained: that
/// would hash the damage into an intact-looking chain.
/// </summary>
internal static class AuditHashUpgrade
{
    public const string Actor = "service";

    /// <param name="afterRechain">Runs inside the transaction once the re-chain is written (tests stop the upgrade there).</param>
    public static async Task<(int Rechained, int Redacted)> RunAsync(TrialDbContext db, AuditTrail audit, ILogger logger, CancellationToken cancellationToken,
        Func<CancellationToken, Task>? afterRechain = null)
    {
        if (!await WorkLeftAsync(db, cancellationToken))
        {
            return (0, 0);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Nothing may append while the chains are rewritten (PostgreSQL: appenders lock a head row; SQLite: the write
        // lock is taken here, not at the first update, so no other writer slips in between the check and the re-chain).
        await db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "LOCK TABLE audit_chains IN EXCLUSIVE MODE" : "UPDATE audit_chains SET last_seq = last_seq WHERE 0 = 1",
            cancellationToken);
        if (!await WorkLeftAsync(db, cancellationToken))
        {
            return (0, 0);
        }
        var check = await ChainCheck.RunAsync(db, cancellationToken);
        if (check.Problems.Count > 0)
        {
            logger.LogError("The audit trail does not verify ({Count} problem(s), first: {First}); it is not re-chained to hash version 2 and its old free text is not redacted. Run 'audit verify'.",
                check.Problems.Count, check.Problems[0].Message);
            return (0, 0);
        }
        var rechained = await RechainAsync(db, audit, cancellationToken);
        if (afterRechain is not null)
        {
            await afterRechain(cancellationToken);
        }
        var redacted = await RedactAsync(db, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        logger.LogInformation("Audit trail: {Rechained} entries re-chained to hash version 2, {Redacted} payloads redacted.", rechained, redacted);
        return (rechained, redacted);
    }

    private static async Task<bool> WorkLeftAsync(TrialDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEntries.AnyAsync(e => e.HashVersion < AuditHash.Current, cancellationToken)
        || (await WordsAsync(db, track: false, cancellationToken)).Count > 0;

    private static async Task<int> RechainAsync(TrialDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var oldChains = await db.AuditEntries.Where(e => e.HashVersion < AuditHash.Current).Select(e => e.Chain).Distinct().ToListAsync(cancellationToken);
        if (oldChains.Count == 0)
        {
            return 0;
        }
        var formerHead = await TrailHead.WalkAsync(db, null, cancellationToken);
        var lastFormerId = await db.AuditEntries.MaxAsync(e => e.Id, cancellationToken);
        var rechained = 0;
        foreach (var chain in oldChains.Order(StringComparer.Ordinal))
        {
            var first = await db.AuditEntries.Where(e => e.Chain == chain && e.HashVersion < AuditHash.Current).MinAsync(e => e.ChainSeq, cancellationToken);
            var previous = first == 1
                ? AuditHash.Genesis
                : await db.AuditEntries.Where(e => e.Chain == chain && e.ChainSeq == first - 1).Select(e => e.Hash).SingleAsync(cancellationToken);
            var entries = await db.AuditEntries.Where(e => e.Chain == chain && e.ChainSeq >= first).OrderBy(e => e.ChainSeq).ToListAsync(cancellationToken);
            foreach (var e in entries)
            {
                e.FormerHash = e.Hash;
                e.PayloadDigest ??= AuditHash.Digest(e.Payload);
                e.HashVersion = AuditHash.Current;
                e.PreviousHash = previous;
                e.Hash = AuditHash.Compute(e);
                previous = e.Hash;
            }
            await db.SaveChangesAsync(cancellationToken);
            await db.AuditChains.Where(c => c.Chain == chain).ExecuteUpdateAsync(c => c.SetProperty(h => h.LastHash, previous), cancellationToken);
            db.ChangeTracker.Clear();
            rechained += entries.Count;
        }
        await audit.AppendAsync(db, AuditTrail.TrialChain, Actor, HashUpgradeRecord.Action, "audit",
            new HashUpgradeRecord(0, default, formerHead.Head, formerHead.Entries, lastFormerId).Payload, cancellationToken);
        return rechained;
    }

    private static async Task<int> RedactAsync(TrialDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        var words = await WordsAsync(db, track: true, cancellationToken);
        if (words.Count == 0)
        {
            return 0;
        }
        foreach (var (entry, fields) in words)
        {
            entry.Payload = AuditRedactions.Redact(entry.Payload, fields.ToDictionary(f => f.Property, f => f.Code), AuditFreeTextFields.Reason);
        }
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, AuditTrail.TrialChain, Actor, AuditRedactions.Action, "audit",
            AuditRedactions.Record(AuditFreeTextFields.Reason, words.Select(w => w.Entry)), cancellationToken);
        await SqliteFileRewrite.RequestAsync(db, AuditRedactions.Action, cancellationToken);
        return words.Count;
    }

    /// <summary>
    /// Version-2 entries whose payload still holds words in a property that now takes a code; tracked only for the
    /// redaction itself, so that it updates the payload column alone (what the append-only trigger allows).
    /// </summary>
    private static async Task<List<(AuditEntryRecord Entry, List<AuditFreeTextFields> Fields)>> WordsAsync(TrialDbContext db, bool track,
        CancellationToken cancellationToken)
    {
        var found = new List<(AuditEntryRecord, List<AuditFreeTextFields>)>();
        var candidates = await (track ? db.AuditEntries : db.AuditEntries.AsNoTracking()).Where(e => AuditFreeTextFields.Actions.Contains(e.Action) && e.HashVersion == AuditHash.Current)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        foreach (var entry in candidates)
        {
            using var payload = JsonDocument.Parse(entry.Payload);
            var fields = AuditFreeTextFields.All.Where(f => f.Action == entry.Action
                && payload.RootElement.TryGetProperty(f.Property, out var value) && value.ValueKind == JsonValueKind.String
                && !f.Codes.Contains(value.GetString())).ToList();
            if (fields.Count > 0)
            {
                found.Add((entry, fields));
            }
        }
        return found;
    }
}
