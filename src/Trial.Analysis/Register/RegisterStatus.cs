namespace Trial.Analysis.Register;

/// <summary>The status columns of a register extract (protocol/register-extract.md), in file order.</summary>
public enum RegisterStatus
{
    Employed,
    Aap,
    Disability,
    SocialAssistance,
    NavMeasure,
    SickLeave,
    Education,
}
