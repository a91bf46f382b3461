namespace Trial.Enrollment.Features.Randomisation;

/// <summary>The next free slot of one (stratum, period) sequence; its row lock serialises allocation in a stratum.</summary>
internal sealed class AllocationCounterRecord
{
    public required string Stratum { get; set; }
    public required string Period { get; set; }
    public int NextSlot { get; set; }
}
