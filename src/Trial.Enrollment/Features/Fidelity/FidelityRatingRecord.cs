namespace Trial.Enrollment.Features.Fidelity;

/// <summary>One reviewer's independent score for one item, given before the consensus meeting.</summary>
internal sealed class FidelityRatingRecord
{
    public long Id { get; set; }
    public Guid ReviewId { get; set; }
    public string Reviewer { get; set; } = "";
    public string Item { get; set; } = "";
    public int Score { get; set; }
}
