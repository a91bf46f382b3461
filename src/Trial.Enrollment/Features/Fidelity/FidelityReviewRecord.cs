using NodaTime;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>A fidelity review of one centre's job-specialist team: draft until finalised, then frozen.</summary>
internal sealed class FidelityReviewRecord
{
    public Guid Id { get; set; }
    public string Centre { get; set; } = "";
    public string Scale { get; set; } = "";
    public LocalDate ReviewDate { get; set; }
    public FidelityReviewStatus Status { get; set; }
    public string ReviewerA { get; set; } = "";
    public string ReviewerB { get; set; } = "";
    public string? Evidence { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public string? FinalisedBy { get; set; }
    public Instant? FinalisedAt { get; set; }
    public int? Total { get; set; }
    public string? Category { get; set; }
}
