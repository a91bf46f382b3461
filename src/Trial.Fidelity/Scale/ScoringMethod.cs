namespace Trial.Fidelity.Scale;

/// <summary>How an item's score follows from its evidence (see the header of protocol/fidelity/ips-25.yaml).</summary>
public enum ScoringMethod
{
    Caseload,
    MeanPercent,
    PerSpecialist,
    Ordinal,
    Components,
    MedianDays,
    ContactsPerWeek,
    Diversity,
    CompetitiveShare,
    PercentBands,
}
