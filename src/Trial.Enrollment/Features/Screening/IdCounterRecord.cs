namespace Trial.Enrollment.Features.Screening;

/// <summary>Issues research IDs P-0001-xx in screening order; the row lock makes numbers unique and gap-free.</summary>
internal sealed class IdCounterRecord
{
    public required string Name { get; set; }
    public int Next { get; set; }
}
