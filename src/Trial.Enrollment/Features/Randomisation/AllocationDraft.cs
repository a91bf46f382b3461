using NodaTime;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>The columns both allocation verbs fill; each verb adds its own (slot and seed, or the paper reason).</summary>
internal sealed record AllocationDraft(
    Guid ParticipantId, string IdempotencyKey, string Stratum, string Period, string Ratio, double FirstArmProbability, string Arm,
    LocalDate RandomisedOn, Instant RandomisedAt, string RandomisedBy, string ProtocolSha256)
{
    public int? Slot { get; init; }
    public int? Block { get; init; }
    public int? BlockSize { get; init; }
    public string? SeedSha256 { get; init; }
    public AllocationMethod Method { get; init; } = AllocationMethod.Service;
    public string? PaperReason { get; init; }

    public RandomisationRecord ToRecord() => new()
    {
        Id = Guid.NewGuid(),
        ParticipantId = ParticipantId,
        IdempotencyKey = IdempotencyKey,
        Stratum = Stratum,
        Period = Period,
        Ratio = Ratio,
        FirstArmProbability = FirstArmProbability,
        Slot = Slot,
        Block = Block,
        BlockSize = BlockSize,
        Arm = Arm,
        RandomisedOn = RandomisedOn,
        RandomisedAt = RandomisedAt,
        RandomisedBy = RandomisedBy,
        ProtocolSha256 = ProtocolSha256,
        SeedSha256 = SeedSha256,
        Method = Method,
        PaperReason = PaperReason,
    };
}
