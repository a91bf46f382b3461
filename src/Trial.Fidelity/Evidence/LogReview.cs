namespace Trial.Fidelity.Evidence;

/// <summary>How the supervisor handles the employer-contact logs (SV6 anchors 2–5).</summary>
public enum LogReview
{
    NoTracking,
    NotReviewed,
    Monthly,
    Weekly,
}
