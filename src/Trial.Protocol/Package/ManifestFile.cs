namespace Trial.Protocol.Package;

/// <summary>A file listed in manifest.json: its name in the package, data rows (header excluded) and SHA-256.</summary>
public sealed record ManifestFile(string Name, int Rows, string Sha256);
