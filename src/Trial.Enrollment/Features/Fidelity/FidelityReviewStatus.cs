namespace Trial.Enrollment.Features.Fidelity;

/// <summary>A review can be changed while it is a draft; a final review is the record and never changes.</summary>
public enum FidelityReviewStatus
{
    Draft,
    Final,
}
