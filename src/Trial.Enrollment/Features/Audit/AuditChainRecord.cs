namespace Trial.Enrollment.Features.Audit;

/// <summary>The head of one hash chain (one per centre, plus "trial"); locked while an entry is appended.</summary>
internal sealed class AuditChainRecord
{
    public required string Chain { get; set; }
    public long LastSeq { get; set; }
    public required string LastHash { get; set; }
}
