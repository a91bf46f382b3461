using NodaTime;

namespace Trial.Demo.Population;

/// <summary>Why a referred person is not randomised (seed 001 §2.1), or <see cref="None"/> for one who is.</summary>
internal enum ExclusionKind
{
    None,
    DeclinedConsent,
    OutsideTargetGroup,
    InsufficientNorwegian,
    DisabilityQuarantine,
}

/// <summary>
/// One person referred to the trial, as the simulation knows them: what the coordinator will be told (identity,
/// contact, eligibility answers, baseline facts) and the latent traits that drive their answers and their response.
/// </summary>
internal sealed record Referral(
    int Number,
    string Centre,
    LocalDate ReferredOn,
    LocalDate RandomiseOn,
    ExclusionKind Exclusion,
    string Name,
    string NationalId,
    bool Female,
    int Age,
    string? Email,
    string? Phone,
    string Language,
    string Severity,
    string Education,
    bool BornInNorway,
    bool SingleOrDivorced,
    bool InvoluntaryAdmission,
    double Distress,
    double DrugUse,
    double Propensity)
{
    /// <summary>Consent is asked in the inclusion conversation a few days after referral, randomisation follows at once.</summary>
    public LocalDate ConsentOn => RandomiseOn;
}
