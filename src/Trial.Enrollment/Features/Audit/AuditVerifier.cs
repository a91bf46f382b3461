using System.Globalization;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Recomputes every chain (<see cref="ChainCheck"/>), then replays the trail against the tables (<see cref="StateReplay"/>)
/// and, given a head kept elsewhere, checks the trail still reaches it (<see cref="TrailHead"/>), or reached it before
/// the re-chain to hash version 2, whose entry recorded the head of then.
/// </summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(TrialDbContext db, CancellationToken cancellationToken, string? expectedHead = null)
    {
        var chains = await ChainCheck.RunAsync(db, cancellationToken);
        var problems = chains.Problems.ToList();
        var notes = new List<string>();
        problems.AddRange(await StateReplay.CompareAsync(db, cancellationToken));
        var upgrade = await HashUpgradeRecord.ReadAsync(db, cancellationToken);
        var walk = await TrailHead.WalkAsync(db, expectedHead, cancellationToken, upgrade);
        if (upgrade is not null)
        {
            var at = upgrade.At.ToString("uuuu'-'MM'-'dd HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
            if (!string.Equals(walk.FormerHead, upgrade.FormerHead, StringComparison.Ordinal))
            {
                problems.Add(AuditProblem.Of(AuditProblemKind.FormerHashesChanged, at, walk.FormerHead, upgrade.FormerHead));
            }
            else
            {
                notes.Add($"hash version 2 since {at} (entry id {upgrade.EntryId}): {upgrade.FormerEntries} earlier entries were re-chained; their former hashes still fold to the head recorded then.");
            }
        }
        if (chains.Redacted > 0)
        {
            notes.Add($"{chains.Redacted} payload(s) redacted, each as listed by an {AuditRedactions.Action} entry.");
        }
        if (!walk.Reached && walk.ReachedBeforeUpgrade)
        {
            notes.Add(string.Equals(expectedHead, upgrade!.FormerHead, StringComparison.OrdinalIgnoreCase)
                ? $"the kept head {expectedHead} is the trail head before the hash-v2 upgrade, as its entry (id {upgrade.EntryId}) recorded; the trail has reached it."
                : $"the kept head {expectedHead} was a trail head before the hash-v2 upgrade (entry id {upgrade.EntryId}); the trail has reached it.");
        }
        else if (!walk.Reached)
        {
            problems.Add(AuditProblem.Of(AuditProblemKind.KeptHeadNotReached, expectedHead));
        }
        return new AuditVerification(chains.Heads.Count, chains.Entries, problems, chains.Heads.ToDictionary(h => h.Key, h => h.Value.LastHash), walk.Head)
        {
            Notes = notes,
        };
    }
}
