using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Appends hash-chained entries inside the caller's transaction. Each chain (a centre, or "trial") has a head row that
/// is locked FOR UPDATE while appending, so entries of one chain get consecutive numbers and each holds the hash of
/// the one before. Randomisations already hold their stratum's lock, so a per-centre chain adds no new contention.
/// </summary>
internal sealed class AuditTrail(IClock clock)
{
    public const string TrialChain = "trial";

    public async Task AppendAsync(TrialDbContext db, string chain, string actor, string action, string subject, object payload,
        CancellationToken cancellationToken)
    {
        var head = await LockHeadAsync(db, chain, cancellationToken);
        Stage(db, head, actor, action, subject, payload);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The chain's head, locked until commit; created (empty) the first time the chain is used.</summary>
    public static async Task<AuditChainRecord> LockHeadAsync(TrialDbContext db, string chain, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var head = await ReadHeadAsync(db, chain, cancellationToken);
        if (head is null)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO audit_chains (chain, last_seq, last_hash) VALUES ({chain}, 0, {AuditHash.Genesis}) ON CONFLICT (chain) DO NOTHING",
                cancellationToken);
            head = await ReadHeadAsync(db, chain, cancellationToken) ?? throw new InvalidOperationException($"Audit chain '{chain}' has no head.");
        }
        return head;
    }

    /// <summary>
    /// The statement <see cref="LockHeadAsync"/> runs, for a caller that sends it in one round trip with its own
    /// statements (parameter <c>@chain</c>; columns chain, last_seq, last_hash). No row means the chain is new: call
    /// <see cref="LockHeadAsync"/>.
    /// </summary>
    public static string HeadStatement(TrialDbContext db) =>
        "SELECT chain, last_seq, last_hash FROM audit_chains WHERE chain = @chain" + (db.IsPostgres ? " FOR UPDATE" : "");

    /// <summary>
    /// Adds the entry after <paramref name="head"/> (locked by this transaction) and moves the head, to be written by the
    /// caller's next SaveChanges, so the entry goes to the database in the same batch as the change it records.
    /// </summary>
    public void Stage(TrialDbContext db, AuditChainRecord head, string actor, string action, string subject, object payload)
    {
        RequireTransaction(db);
        var entry = new AuditEntryRecord
        {
            Chain = head.Chain,
            ChainSeq = head.LastSeq + 1,
            At = TruncateToMicroseconds(clock.GetCurrentInstant()),
            Actor = actor,
            Action = action,
            Subject = subject,
            Payload = JsonSerializer.Serialize(payload),
            PreviousHash = head.LastHash,
            Hash = "",
        };
        entry.Hash = AuditHash.Compute(entry);
        foreach (var tracked in db.ChangeTracker.Entries<AuditChainRecord>().ToList())
        {
            tracked.State = EntityState.Detached;
        }
        db.AuditChains.Attach(head);
        head.LastSeq = entry.ChainSeq;
        head.LastHash = entry.Hash;
        db.AuditEntries.Add(entry);
    }

    private static void RequireTransaction(TrialDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are written inside the transaction of the change they record.");
        }
    }

    /// <summary>Untracked, so a head tracked by an earlier append in this context cannot hide the row's current values.</summary>
    private static async Task<AuditChainRecord?> ReadHeadAsync(TrialDbContext db, string chain, CancellationToken cancellationToken) =>
        db.IsPostgres
            ? (await db.AuditChains.FromSql($"SELECT * FROM audit_chains WHERE chain = {chain} FOR UPDATE").AsNoTracking().ToListAsync(cancellationToken))
                .SingleOrDefault()
            : await db.AuditChains.AsNoTracking().SingleOrDefaultAsync(c => c.Chain == chain, cancellationToken);

    /// <summary>PostgreSQL keeps microseconds; truncating first makes the stored instant hash the same when re-read.</summary>
    private static Instant TruncateToMicroseconds(Instant instant) =>
        Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() / 10 * 10);
}
