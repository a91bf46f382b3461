namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// The result of checking every chain and replaying the trail against the tables: entries read, and each problem found
/// (empty when intact), including a kept head that the trail no longer reaches.
/// </summary>
/// <param name="TrailHead">The whole trail's head (SHA-256 folded over every entry); keep it elsewhere and check it with --expect.</param>
public sealed record AuditVerification(int Chains, long Entries, IReadOnlyList<AuditProblem> Problems, IReadOnlyDictionary<string, string> Heads,
    string TrailHead)
{
    public bool Intact => Problems.Count == 0;

    /// <summary>What was checked in another way than by recomputing hashes: the hash upgrade, redactions, a kept head matched from before the upgrade.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
