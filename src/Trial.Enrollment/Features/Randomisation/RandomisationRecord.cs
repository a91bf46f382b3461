using NodaTime;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>One allocation. Unique per participant, per idempotency key and per (stratum, period, slot). Append-only: never deleted,
/// and only the mistaken mark may be set, once.</summary>
internal sealed class RandomisationRecord
{
    public Guid Id { get; set; }
    public Guid ParticipantId { get; set; }
    public required string IdempotencyKey { get; set; }
    public required string Stratum { get; set; }
    public required string Period { get; set; }
    public required string Ratio { get; set; }
    /// <summary>Probability of IPS (the first arm) in force, for period-stratified or weighted analyses.</summary>
    public double FirstArmProbability { get; set; }
    /// <summary>Null for a paper allocation, which takes no slot of the concealed sequence.</summary>
    public int? Slot { get; set; }
    public int? Block { get; set; }
    public int? BlockSize { get; set; }
    public required string Arm { get; set; }
    public LocalDate RandomisedOn { get; set; }
    public Instant RandomisedAt { get; set; }
    public required string RandomisedBy { get; set; }
    public required string ProtocolSha256 { get; set; }
    public string? SeedSha256 { get; set; }
    public AllocationMethod Method { get; set; }
    /// <summary>Why the paper procedure was used; only for <see cref="AllocationMethod.Paper"/>.</summary>
    public string? PaperReason { get; set; }
    public bool Mistaken { get; set; }
    public string? MistakenReason { get; set; }
    public string? MistakenBy { get; set; }
}
