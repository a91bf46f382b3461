namespace Trial.Protocol.Package;

/// <summary>
/// A package that passed <see cref="PackageVerifier"/>: every listed file matched its hash and row count and the
/// contract. <see cref="Sha256"/> is the SHA-256 of manifest.json's bytes, the package hash reports quote.
/// </summary>
public sealed record VerifiedPackage(string Folder, PackageManifest Manifest, string Sha256, IReadOnlyDictionary<string, PackageTable> Tables)
{
    public PackageTable? Table(string name) => Tables.GetValueOrDefault(name);
}
