using NodaTime;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>The statistician's seed. Only one row (Id = 1) may exist; only the statistician role can read it back.</summary>
internal sealed class AllocationSeedRecord
{
    public int Id { get; set; }
    public required byte[] Seed { get; set; }
    public required string SeedSha256 { get; set; }
    public required string SetBy { get; set; }
    public Instant SetAt { get; set; }
}
