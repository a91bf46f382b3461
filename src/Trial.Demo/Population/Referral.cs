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
    string CivilStatus,
    bool ReadingWritingDifficulties,
    int YearsMentalComplaints,
    bool InvoluntaryAdmission,
    string MiniDiagnosis,
    string ReturnToWorkExpectation,
    double Distress,
    double DrugUse,
    double Propensity)
{
    /// <summary>Consent is asked in the inclusion conversation a few days after referral, randomisation follows at once.</summary>
    public LocalDate ConsentOn => RandomiseOn;

    /// <summary>The protocol's single_divorced indicator (unmarried, widowed or divorced).</summary>
    public bool SingleOrDivorced => CivilStatus is "unmarried" or "widowed" or "divorced";

    /// <summary>
    /// The protocol's baseline form (protocol.yaml baselineForm) as the coordinator records it at inclusion; fields the
    /// person has no answer for (no M.I.N.I. interview, unknown education) are left out.
    /// </summary>
    public Dictionary<string, object?> BaselineForm()
    {
        var form = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["born_norway"] = BornInNorway,
            ["civil_status"] = CivilStatus,
            ["reading_writing_difficulties"] = ReadingWritingDifficulties,
            ["years_mental_complaints"] = YearsMentalComplaints,
            ["involuntary_admission"] = InvoluntaryAdmission,
            ["return_to_work_expectation"] = ReturnToWorkExpectation,
        };
        foreach (var (field, value) in new[] { ("education", Education), ("severity", Severity), ("mini_diagnosis", MiniDiagnosis) })
        {
            if (value != "")
            {
                form[field] = value;
            }
        }
        return form;
    }
}
