namespace Trial.Fidelity.Evidence;

/// <summary>Whether a job is held now, or a start from the last six months added because fewer than ten are held (L7736–7748).</summary>
public enum JobSampleKind
{
    Current,
    RecentStart,
}
