using NodaTime;
using Trial.Protocol.Baseline;

namespace Trial.Enrollment.Protocol;

/// <summary>A loaded, validated protocol version. Build it only through <see cref="ProtocolLoader"/>.</summary>
public sealed record TrialProtocol(
    string Trial,
    string Version,
    string Sha256,
    string Directory,
    DateTimeZone TimeZone,
    IReadOnlyList<ArmDefinition> Arms,
    IReadOnlyList<CentreDefinition> Centres,
    IReadOnlyList<OrganisationDefinition> Organisations,
    IReadOnlyList<EligibilityCriterion> Eligibility,
    IReadOnlyList<ConsentFormVersion> ConsentForms,
    IReadOnlyList<AllocationPeriod> Periods,
    bool StratifyByCentre,
    BlockDesign Blocks,
    IReadOnlyList<FollowUpOccasion> FollowUp,
    BaselineForm Baseline)
{
    /// <summary>This version's amendment (effective date and reason); null for a first version.</summary>
    public ProtocolAmendment? Amendment { get; init; }

    /// <summary>Which kinds of organisation may see and record which fields (<c>fieldAccess</c>); open when absent.</summary>
    public FieldAccess FieldAccess { get; init; } = FieldAccess.Open;

    public AllocationPeriod? PeriodOn(LocalDate date) => Periods.FirstOrDefault(p => p.Contains(date));

    public bool HasCentre(CentreCode centre) => Centres.Any(c => c.Code == centre);

    public OrganisationDefinition? FindOrganisation(OrganisationCode code) => Organisations.FirstOrDefault(o => o.Code == code);

    public ConsentFormVersion? FindConsentForm(string version) => ConsentForms.FirstOrDefault(f => f.Version == version);

    /// <summary>The consent form in force on a date: the one valid from latest on or before it; null before the first.</summary>
    public ConsentFormVersion? ConsentFormOn(LocalDate date) => ConsentForms.Where(f => f.ValidFrom <= date).MaxBy(f => f.ValidFrom);

    /// <summary>The stratum a participant at this centre belongs to.</summary>
    public string StratumOf(CentreCode centre) => StratifyByCentre ? centre.Value : "all";
}
