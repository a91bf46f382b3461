namespace Trial.Enrollment.Features.Screening;

/// <summary>The criteria that failed, in protocol order; the first one's exclusion reason is the coded reason.</summary>
internal sealed record EligibilityOutcome(IReadOnlyList<string> FailedCriteria, string? ExclusionReason)
{
    public bool Eligible => FailedCriteria.Count == 0;
}
