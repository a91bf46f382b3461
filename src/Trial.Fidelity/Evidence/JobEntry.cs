namespace Trial.Fidelity.Evidence;

/// <summary>
/// A job held by a participant, for the diversity and competitive-job items (SV8–SV10). JobType is normalised by
/// duties, not title (L7750–7760); the employer and worksite together identify a workplace (L7974–7984).
/// </summary>
public sealed record JobEntry(
    string JobType,
    string Employer,
    string? Worksite,
    bool Competitive,
    bool ObtainedBeforeIps,
    JobSampleKind Kind);
