namespace Trial.Enrollment.Features.Fidelity;

/// <summary>
/// The reviewers' agreed score for an item, with the note that explains it, the strengths and recommendation the
/// report gives, and the reason when it departs from the score the evidence computes.
/// </summary>
internal sealed class FidelityConsensusRecord
{
    public long Id { get; set; }
    public Guid ReviewId { get; set; }
    public string Item { get; set; } = "";
    public int Score { get; set; }
    public string Note { get; set; } = "";
    public string? Strengths { get; set; }
    public string? Recommendation { get; set; }
    public string? OverrideReason { get; set; }
}
