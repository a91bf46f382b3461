namespace Trial.Analysis.Report;

/// <summary>Provenance printed on the title page and in results.json.</summary>
public sealed record RunContext(string PlanFile, string PlanSha256, string PlanVersion, string LockStatus, string PackageFolder, string PackageSha256,
    string PackageCreatedAt, string RegisterFile, string RegisterSha256, string Disclosure, string GeneratedAt)
{
    /// <summary>manifest.json lockedBy: who or what locked the package.</summary>
    public string PackageLockedBy { get; init; } = "";

    /// <summary>A blinded dry run (arms permuted and shown as random codes).</summary>
    public bool Blinded { get; init; }

    /// <summary>Built from simulated data: said on the title page and in every page footer.</summary>
    public bool Simulated { get; init; }
}
