using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Audit;

/// <summary>
/// A trail written with hash version 1 (each payload inside its hash) holding a paper allocation's words is re-chained
/// to version 2 and the words redacted, in one transaction: stopped midway, nothing of it stays and the retry does it
/// all; afterwards the head kept before the upgrade still verifies (and verify says how), and tampering is still found.
/// </summary>
public abstract class AuditHashUpgradeTests(DatabaseProvider provider)
{
    private const string Words = "Kari Nordmann rang from 912 34 567";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upgrade_StoppedMidway_ChangesNothing_ThenRetry_RechainsRedactsAndStillMatchesTheKeptHead()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "hash_upgrade", registerFollowup: false);
        var manager = await app.ClientAsync("manager");
        var id = await TrialApi.ConsentedAsync(manager, "oslo", 281_001);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.PaperAllocationAsync(manager, id, "paper-1", reason: Words)).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var entries = await RewriteAsVersion1Async(db);
        var keptHead = (await TrailHead.WalkAsync(db, null, None)).Head;
        Assert.True((await AuditVerifier.VerifyAsync(db, None, keptHead)).Intact, "the version-1 trail verifies before the upgrade");

        var stopped = false;
        await Assert.ThrowsAsync<OperationCanceledException>(() => AuditHashUpgrade.RunAsync(db, audit, NullLogger.Instance, None, async token =>
        {
            // The stop comes after the whole trail was re-chained, inside the upgrade's transaction.
            Assert.False(await db.AuditEntries.AnyAsync(e => e.HashVersion == 1, token));
            stopped = true;
            throw new OperationCanceledException("stopped midway");
        }));
        Assert.True(stopped);
        db.ChangeTracker.Clear();
        Assert.All(await db.AuditEntries.AsNoTracking().ToListAsync(), e => Assert.Equal((1, null), (e.HashVersion, e.FormerHash)));
        Assert.Contains(await db.AuditEntries.AsNoTracking().Select(e => e.Payload).ToListAsync(), p => p.Contains(Words, StringComparison.Ordinal));
        var untouched = await AuditVerifier.VerifyAsync(db, None, keptHead);
        Assert.True(untouched.Intact, string.Join("; ", untouched.Problems));
        Assert.Empty(untouched.Notes);

        Assert.Equal((entries, 1), await AuditHashUpgrade.RunAsync(db, audit, NullLogger.Instance, None));
        var upgraded = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.All(upgraded, e => Assert.Equal(2, e.HashVersion));
        Assert.DoesNotContain(upgraded, e => e.Payload.Contains(Words, StringComparison.Ordinal));
        var paper = upgraded.Single(e => e.Action == "randomisation.paper-entered");
        Assert.Contains("\"reason\":\"other\"", paper.Payload, StringComparison.Ordinal);
        Assert.Contains("\"redacted\":{\"fields\":[\"reason\"],\"reason\":\"free-text-in-identity-store\"}", paper.Payload, StringComparison.Ordinal);
        Assert.Equal(["audit.hash-upgraded", "audit.payloads-redacted"], upgraded.TakeLast(2).Select(e => e.Action));
        Assert.Contains(keptHead, upgraded[^2].Payload, StringComparison.Ordinal);

        var verified = await AuditVerifier.VerifyAsync(db, None, keptHead);
        Assert.True(verified.Intact, string.Join("; ", verified.Problems));
        Assert.Contains(verified.Notes, n => n.Contains($"the kept head {keptHead} is the trail head before the hash-v2 upgrade", StringComparison.Ordinal));
        Assert.Contains(verified.Notes, n => n.Contains("1 payload(s) redacted", StringComparison.Ordinal));
        Assert.Equal((0, 0), await AuditHashUpgrade.RunAsync(db, audit, NullLogger.Instance, None));

        // The append-only trigger takes no other change.
        var consent = upgraded.First(e => e.Action == "consent.recorded");
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET payload = '{{}}' WHERE id = {consent.Id}"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET former_hash = {AuditHash.Genesis} WHERE id = {consent.Id}"));

        // Tampering bypassing the trigger is still found: an unredacted payload, the redacted one, a former hash.
        Task<int> SetPayload(long entry, string payload) => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET payload = {payload} WHERE id = {entry}");
        Task<int> SetFormerHash(long entry, string hash) => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET former_hash = {hash} WHERE id = {entry}");
        foreach (var (tamper, undo, found) in new (Func<Task<int>>, Func<Task<int>>, string)[]
                 {
                     (() => SetPayload(consent.Id, consent.Payload.Replace("given", "declined", StringComparison.Ordinal)), () => SetPayload(consent.Id, consent.Payload),
                         "payload does not match its digest (edited)"),
                     (() => SetPayload(paper.Id, paper.Payload.Replace("\"arm\":\"ips\"", "\"arm\":\"control\"", StringComparison.Ordinal)), () => SetPayload(paper.Id, paper.Payload),
                         "payload does not match its digest (edited)"),
                     (() => SetFormerHash(consent.Id, AuditHash.Genesis), () => SetFormerHash(consent.Id, consent.FormerHash!), "former_hash was changed"),
                 })
        {
            await TriggerBypass.RunAsync(db, "audit_entries_no_update", tamper);
            Assert.Contains((await AuditVerifier.VerifyAsync(db, None, keptHead)).Problems, p => p.Message.Contains(found, StringComparison.Ordinal));
            await TriggerBypass.RunAsync(db, "audit_entries_no_update", undo);
        }
        Assert.True((await AuditVerifier.VerifyAsync(db, None, keptHead)).Intact);
    }

    /// <summary>
    /// The trail as a release before hash version 2 wrote it (the same hashing, version 1), with the paper allocation's
    /// words in its entry as before reason codes; returns the number of entries.
    /// </summary>
    private static async Task<int> RewriteAsVersion1Async(TrialDbContext db)
    {
        var entries = await db.AuditEntries.OrderBy(e => e.Chain).ThenBy(e => e.ChainSeq).ToListAsync();
        foreach (var chain in entries.GroupBy(e => e.Chain))
        {
            var previous = AuditHash.Genesis;
            foreach (var e in chain)
            {
                if (e.Action == "randomisation.paper-entered")
                {
                    e.Payload = e.Payload.Replace("\"reason\":\"other\"", $"\"reason\":\"{Words}\"", StringComparison.Ordinal);
                }
                (e.HashVersion, e.PayloadDigest, e.PreviousHash) = (1, null, previous);
                e.Hash = AuditHash.Compute(e);
                previous = e.Hash;
            }
        }
        await TriggerBypass.RunAsync(db, "audit_entries_no_update", async () =>
        {
            await db.SaveChangesAsync();
            foreach (var chain in entries.GroupBy(e => e.Chain))
            {
                await db.AuditChains.Where(c => c.Chain == chain.Key).ExecuteUpdateAsync(c => c.SetProperty(h => h.LastHash, chain.Last().Hash));
            }
            return 0;
        });
        db.ChangeTracker.Clear();
        return entries.Count;
    }
}

[Trait("db", "sqlite")]
public sealed class SqliteAuditHashUpgradeTests() : AuditHashUpgradeTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresAuditHashUpgradeTests() : AuditHashUpgradeTests(DatabaseProvider.Postgres);
