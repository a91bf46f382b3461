using NodaTime;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>The statistician's seed. Only one row (Id = 1) may exist; only the statistician role can read it back.</summary>
internal sealed class AllocationSeedRecord
{
    public int Id { get; set; }
    /// <summary>Encrypted with the key named by <see cref="KeyId"/> (see <see cref="SeedProtection"/>); plain only in databases from before encryption (KeyId null).</summary>
    public required byte[] Seed { get; set; }
    public string? KeyId { get; set; }
    public required string SeedSha256 { get; set; }
    public required string SetBy { get; set; }
    public Instant SetAt { get; set; }
}
