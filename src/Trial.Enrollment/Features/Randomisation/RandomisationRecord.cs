using NodaTime;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>One allocation. Unique per participant, per idempotency key and per (stratum, period, slot). Never deleted.</summary>
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
    public int Slot { get; set; }
    public int Block { get; set; }
    public int BlockSize { get; set; }
    public required string Arm { get; set; }
    public LocalDate RandomisedOn { get; set; }
    public Instant RandomisedAt { get; set; }
    public required string RandomisedBy { get; set; }
    public required string ProtocolSha256 { get; set; }
    public required string SeedSha256 { get; set; }
    public bool Mistaken { get; set; }
    public string? MistakenReason { get; set; }
    public string? MistakenBy { get; set; }
}
