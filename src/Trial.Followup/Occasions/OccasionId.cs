namespace Trial.Followup.Occasions;

/// <summary>Identifies one follow-up occasion (one participant at one time point, e.g. 6 months).</summary>
public readonly record struct OccasionId
{
    public Guid Value { get; }

    private OccasionId(Guid value) => Value = value;

    public static OccasionId From(Guid value) =>
        value == Guid.Empty ? throw new ArgumentException("An occasion ID cannot be the empty GUID.", nameof(value)) : new OccasionId(value);

    public static OccasionId New() => new(Guid.NewGuid());

    public override string ToString() => Value.ToString("N");
}
