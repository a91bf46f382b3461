using NodaTime;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// One append-only audit entry; <see cref="Hash"/> covers every other column but <see cref="FormerHash"/> and the
/// previous entry's hash, and in hash version 2 the payload through <see cref="PayloadDigest"/> (<see cref="AuditHash"/>).
/// </summary>
internal sealed class AuditEntryRecord
{
    public long Id { get; set; }
    public required string Chain { get; set; }
    public long ChainSeq { get; set; }
    public Instant At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public required string Payload { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
    public int HashVersion { get; set; } = AuditHash.Current;
    /// <summary>SHA-256 of the payload as written (version 2); stays when the payload is redacted.</summary>
    public string? PayloadDigest { get; set; }
    /// <summary>The hash the entry had before the one-time re-chain to version 2 (<see cref="AuditHashUpgrade"/>).</summary>
    public string? FormerHash { get; set; }
}
