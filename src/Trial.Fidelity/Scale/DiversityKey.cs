namespace Trial.Fidelity.Scale;

/// <summary>What makes two jobs "the same" for the diversity items: the job type (SV8) or the employer's worksite (SV9).</summary>
public enum DiversityKey
{
    None,
    JobType,
    EmployerSite,
}
