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
        // Callers may leave their own change to be saved with the entry, as they did when this was one SaveChanges.
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        var head = await LockHeadAsync(db, chain, cancellationToken);
        await using var batch = new SqlBatch(db);
        Add(batch, Next(head, actor, action, subject, payload));
        await batch.ExecuteAsync(cancellationToken);
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
    /// statements (<paramref name="chain"/>: an SQL expression naming the chain, by default parameter <c>@chain</c>;
    /// columns chain, last_seq, last_hash). No row means the chain is new: call <see cref="LockHeadAsync"/>.
    /// </summary>
    public static string HeadStatement(TrialDbContext db, string chain = "@chain") =>
        $"SELECT chain, last_seq, last_hash FROM audit_chains WHERE chain = {chain}" + (db.IsPostgres ? " FOR UPDATE" : "");

    /// <summary>The entry that follows <paramref name="head"/> (locked by this transaction), hashed.</summary>
    public AuditEntryRecord Next(AuditChainRecord head, string actor, string action, string subject, object payload)
    {
        var json = JsonSerializer.Serialize(payload);
        var entry = new AuditEntryRecord
        {
            Chain = head.Chain,
            ChainSeq = head.LastSeq + 1,
            At = TruncateToMicroseconds(clock.GetCurrentInstant()),
            Actor = actor,
            Action = action,
            Subject = subject,
            Payload = json,
            PayloadDigest = AuditHash.Digest(json),
            PreviousHash = head.LastHash,
            Hash = "",
        };
        entry.Hash = AuditHash.Compute(entry);
        return entry;
    }

    /// <summary>
    /// Adds the entry and the move of its chain's head to <paramref name="batch"/>, so they reach the database in the
    /// same round trip as the change they record (parameters named a_*): two statements, so that a caller may send
    /// them as parts of one (<see cref="SqlBatch.WriteAsOneAndCommitAsync"/>).
    /// </summary>
    public static void Add(SqlBatch batch, AuditEntryRecord entry) =>
        batch.Add("""
            INSERT INTO audit_entries (chain, chain_seq, at, actor, action, subject, payload, previous_hash, hash, hash_version, payload_digest)
            VALUES (@a_chain, @a_seq, @a_at, @a_actor, @a_action, @a_subject, @a_payload, @a_previous, @a_hash, @a_version, @a_digest)
            """,
            ("a_chain", entry.Chain), ("a_seq", entry.ChainSeq), ("a_at", entry.At.ToDateTimeOffset()), ("a_actor", entry.Actor),
            ("a_action", entry.Action), ("a_subject", entry.Subject), ("a_payload", entry.Payload), ("a_previous", entry.PreviousHash),
            ("a_hash", entry.Hash), ("a_version", entry.HashVersion), ("a_digest", entry.PayloadDigest))
        .Add("UPDATE audit_chains SET last_seq = @a_seq, last_hash = @a_hash WHERE chain = @a_chain");

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
