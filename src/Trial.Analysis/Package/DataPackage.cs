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
}
