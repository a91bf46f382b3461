namespace Trial.Analysis.Package;

/// <summary>
/// A verified data package (protocol/data-package.md): every listed file matched its manifest hash and row count.
/// <see cref="Sha256"/> is the hash of manifest.json's bytes, quoted in the report.
/// </summary>
public sealed record DataPackage(
    string Folder,
    string Sha256,
    string Trial,
    string CreatedAt,
    string LockedBy,
    IReadOnlyList<ParticipantRecord> Participants,
    IReadOnlyList<string> CovariateColumns,
    IReadOnlyList<ScreeningRecord> Screening,
    IReadOnlyList<OccasionRecord> Occasions,
    IReadOnlyList<ScoreRecord> Scores,
    IReadOnlyList<Withdrawals.Withdrawal> Withdrawals)
{
    /// <summary>
    /// Simulated data (protocol/data-package.md: lockedBy starts with "simulated"); every report built from it says so.
    /// </summary>
    public bool Simulated => LockedBy.StartsWith("simulated", StringComparison.OrdinalIgnoreCase);

    /// <summary>Final fidelity reviews of the centres' teams (fidelity.csv); empty when the package has none.</summary>
    public IReadOnlyList<FidelityRecord> Fidelity { get; init; } = [];

    /// <summary>Each centre's latest IPS-25 total, the fidelity shown beside its effect.</summary>
    public IReadOnlyDictionary<string, FidelityRecord> LatestIps25 => Fidelity.Where(f => f.Scale == "ips-25")
        .GroupBy(f => f.Centre, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.MaxBy(f => f.ReviewDate, StringComparer.Ordinal)!, StringComparer.Ordinal);
}
