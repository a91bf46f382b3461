namespace Trial.Enrollment.Features.Audit;

/// <summary>The result of checking every chain: entries read, and each problem found (empty when intact).</summary>
public sealed record AuditVerification(int Chains, long Entries, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, string> Heads)
{
    public bool Intact => Problems.Count == 0;
}
