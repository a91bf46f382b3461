namespace Trial.Enrollment.Features.Export;

/// <summary>manifest.json of a data package (protocol/data-package.md).</summary>
public sealed record DataPackageManifest(
    string Format,
    int FormatVersion,
    string Trial,
    string CreatedAt,
    string LockedBy,
    ManifestProtocol Protocol,
    IReadOnlyList<PackageFile> Files);
