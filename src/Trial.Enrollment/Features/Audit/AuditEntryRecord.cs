using NodaTime;

namespace Trial.Enrollment.Features.Audit;

/// <summary>One append-only audit entry; <see cref="Hash"/> covers every other column and the previous entry's hash.</summary>
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
}
